using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace RegDiag.Lab.Debug;

/// <summary>
/// Counters under distribution's metric names (namespace "registry", subsystem "http"), rendered in the
/// Prometheus text format. Hand-written: no Prometheus client library is available to the project.
/// </summary>
internal sealed class RegistryMetrics
{
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly ConcurrentDictionary<(string Code, string Method, string Handler), long> _requests = new();
    private readonly ConcurrentDictionary<string, Histogram> _durations = new();
    private readonly ConcurrentDictionary<(string Driver, string Action), Histogram> _storage = new();
    private long _inFlight;

    public void StorageAction(string driver, string action, TimeSpan duration) =>
        _storage.GetOrAdd((driver, action), _ => new Histogram()).Observe(duration.TotalSeconds);

    public void Started() => Interlocked.Increment(ref _inFlight);

    public void Completed(string handler, string method, int status, TimeSpan duration)
    {
        Interlocked.Decrement(ref _inFlight);
        _requests.AddOrUpdate((status.ToString(CultureInfo.InvariantCulture), method.ToLowerInvariant(), handler), 1, (_, n) => n + 1);
        _durations.GetOrAdd(method.ToLowerInvariant(), _ => new Histogram()).Observe(duration.TotalSeconds);
    }

    public long RequestCount => _requests.Values.Sum();

    public string Render()
    {
        var text = new StringBuilder();
        text.Append("# HELP registry_http_requests_total Total number of HTTP requests made.\n");
        text.Append("# TYPE registry_http_requests_total counter\n");
        foreach (var ((code, method, handler), count) in _requests.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"registry_http_requests_total{{code=\"{code}\",handler=\"{handler}\",method=\"{method}\"}} {count}\n");
        }
        text.Append("# HELP registry_http_in_flight_requests The in-flight HTTP requests\n");
        text.Append("# TYPE registry_http_in_flight_requests gauge\n");
        text.Append(CultureInfo.InvariantCulture, $"registry_http_in_flight_requests {Interlocked.Read(ref _inFlight)}\n");
        text.Append("# HELP registry_http_request_duration_seconds The HTTP request latencies in seconds.\n");
        text.Append("# TYPE registry_http_request_duration_seconds histogram\n");
        foreach (var (method, histogram) in _durations.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            histogram.Render(text, "registry_http_request_duration_seconds", $"method=\"{method}\"");
        }
        text.Append("# HELP registry_storage_action_seconds The number of seconds that the storage action takes\n");
        text.Append("# TYPE registry_storage_action_seconds histogram\n");
        foreach (var ((driver, action), histogram) in _storage.OrderBy(p => p.Key.ToString(), StringComparer.Ordinal))
        {
            histogram.Render(text, "registry_storage_action_seconds", $"action=\"{action}\",driver=\"{driver}\"");
        }
        return text.ToString();
    }

    private sealed class Histogram
    {
        private readonly long[] _counts = new long[Buckets.Length];
        private long _count;
        private double _sum;

        public void Observe(double value)
        {
            lock (this)
            {
                for (var i = 0; i < Buckets.Length; i++)
                {
                    if (value <= Buckets[i])
                    {
                        _counts[i]++;
                    }
                }
                _count++;
                _sum += value;
            }
        }

        public void Render(StringBuilder text, string name, string labels)
        {
            lock (this)
            {
                for (var i = 0; i < Buckets.Length; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"{Buckets[i]}\"}} {_counts[i]}\n");
                }
                text.Append(CultureInfo.InvariantCulture, $"{name}_bucket{{{labels},le=\"+Inf\"}} {_count}\n");
                text.Append(CultureInfo.InvariantCulture, $"{name}_sum{{{labels}}} {_sum}\n");
                text.Append(CultureInfo.InvariantCulture, $"{name}_count{{{labels}}} {_count}\n");
            }
        }
    }
}
