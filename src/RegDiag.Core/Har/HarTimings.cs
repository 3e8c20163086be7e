using System.Text.Json;
using RegDiag.Core.Model;

namespace RegDiag.Core.Har;

/// <summary>
/// Maps between the model's points in time and HAR's phases. HAR requires send, wait and receive to be
/// non-negative and their sum (with the optional phases) to be the entry's time.
/// </summary>
internal readonly record struct HarTimings(double Send, double Wait, double Receive)
{
    public double Total => Send + Wait + Receive;

    public static HarTimings From(ExchangeTimings timings)
    {
        var total = Math.Max(0, Round(timings.DurationMs));
        var send = Math.Clamp(Round(timings.RequestSentMs ?? 0), 0, total);
        var wait = Math.Clamp(Round((timings.FirstResponseByteMs ?? send) - send), 0, total - send);
        return new HarTimings(send, wait, Round(total - send - wait));
    }

    public void Write(Utf8JsonWriter json)
    {
        json.WritePropertyName("timings");
        json.WriteStartObject();
        json.WriteNumber("blocked", -1);
        json.WriteNumber("dns", -1);
        json.WriteNumber("connect", -1);
        json.WriteNumber("ssl", -1);
        json.WriteNumber("send", Send);
        json.WriteNumber("wait", Wait);
        json.WriteNumber("receive", Receive);
        json.WriteEndObject();
    }

    private static double Round(double value) => Math.Round(value, 3);
}
