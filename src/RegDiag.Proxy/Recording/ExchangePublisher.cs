using RegDiag.Core.Capture;
using RegDiag.Core.Model;

namespace RegDiag.Proxy.Recording;

/// <summary>
/// Numbers completed exchanges and hands each to every sink. A failing sink never breaks capture or the
/// other sinks; its first failure is kept for the caller to report.
/// </summary>
internal sealed class ExchangePublisher(IReadOnlyList<IExchangeSink> sinks)
{
    private long _lastId;

    public Exception? FirstSinkFailure { get; private set; }

    public Exchange Publish(ExchangeRecorder recorder)
    {
        var exchange = recorder.Build(Interlocked.Increment(ref _lastId));
        foreach (var sink in sinks)
        {
            try
            {
                sink.OnExchange(exchange);
            }
            catch (Exception e)
            {
                FirstSinkFailure ??= e;
            }
        }
        return exchange;
    }
}
