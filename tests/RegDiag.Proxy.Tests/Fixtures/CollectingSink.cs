using RegDiag.Core.Capture;
using RegDiag.Core.Model;

namespace RegDiag.Proxy.Tests.Fixtures;

/// <summary>Keeps every published exchange and lets a test wait until the ones it expects have arrived.</summary>
internal sealed class CollectingSink : IExchangeSink
{
    private readonly List<Exchange> _exchanges = [];

    public void OnExchange(Exchange exchange)
    {
        lock (_exchanges)
        {
            _exchanges.Add(exchange);
            Monitor.PulseAll(_exchanges);
        }
    }

    public IReadOnlyList<Exchange> Snapshot()
    {
        lock (_exchanges)
        {
            return [.. _exchanges];
        }
    }

    /// <summary>Waits (at most 10 s) for an exchange matching the predicate; fails the test otherwise.</summary>
    public Exchange WaitFor(Func<Exchange, bool> predicate, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        lock (_exchanges)
        {
            while (true)
            {
                var found = _exchanges.FirstOrDefault(predicate);
                if (found != null)
                {
                    return found;
                }
                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero)
                {
                    throw new Xunit.Sdk.XunitException(
                        $"no exchange {what} was recorded; recorded: {string.Join("; ", _exchanges.Select(e => $"{e.Request.Method} {e.Request.Url} {e.Response?.Status} {e.Error?.Kind}"))}");
                }
                Monitor.Wait(_exchanges, left);
            }
        }
    }
}
