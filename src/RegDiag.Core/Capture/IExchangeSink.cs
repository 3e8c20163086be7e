using RegDiag.Core.Model;

namespace RegDiag.Core.Capture;

/// <summary>
/// Receives each exchange as it completes. Producers (the proxy, doctor's probe push) publish to a list of
/// sinks: the journal is one, a view is another. Implementations must return quickly and never throw:
/// capture never waits on a view.
/// </summary>
public interface IExchangeSink
{
    void OnExchange(Exchange exchange);
}
