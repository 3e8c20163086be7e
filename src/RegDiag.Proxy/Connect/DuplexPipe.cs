using System.IO.Pipelines;

namespace RegDiag.Proxy.Connect;

/// <summary>The transport handed to Kestrel once a tunnel's TLS is terminated.</summary>
internal sealed record DuplexPipe(PipeReader Input, PipeWriter Output) : IDuplexPipe;
