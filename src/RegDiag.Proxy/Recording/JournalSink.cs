using RegDiag.Core.Capture;
using RegDiag.Core.Journal;
using RegDiag.Core.Model;

namespace RegDiag.Proxy.Recording;

/// <summary>Appends each exchange to the session journal (flushed per exchange by the writer).</summary>
internal sealed class JournalSink(JournalWriter writer) : IExchangeSink
{
    public void OnExchange(Exchange exchange) => writer.Append(exchange);
}
