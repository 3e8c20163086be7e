namespace RegDiag.Doctor.Net;

/// <summary>A request (or a blob upload) that needed more than one attempt.</summary>
/// <param name="Source">Which check sent it ("api", "auth", "probe", …).</param>
/// <param name="Operation">What was sent, e.g. "GET registry.example.com/v2/".</param>
/// <param name="Failures">Each failed attempt, e.g. "503 UNAVAILABLE", in order.</param>
/// <param name="Recovered">True when a later attempt succeeded: the failures were transient.</param>
public sealed record RetriedOperation(string Source, string Operation, IReadOnlyList<string> Failures, bool Recovered);
