namespace RegDiag.Doctor.Net;

/// <summary>
/// A remote clock reading: the Date a server sent, and the local clock before the request and after the
/// response. The remote time falls somewhere in that window, so the offset is known to half the round
/// trip, plus half a second because HTTP dates have whole-second resolution.
/// </summary>
public sealed record ClockSample(string Source, DateTimeOffset Remote, DateTimeOffset LocalSent, DateTimeOffset LocalReceived)
{
    public double RoundTripMs => (LocalReceived - LocalSent).TotalMilliseconds;

    /// <summary>Remote minus local, in seconds: positive when the remote clock is ahead.</summary>
    public double OffsetSeconds
    {
        get
        {
            var localMid = LocalSent + (LocalReceived - LocalSent) / 2;
            // A Date header truncates to the second: the true instant is on average half a second later.
            return (Remote.AddMilliseconds(500) - localMid).TotalSeconds;
        }
    }

    public double UncertaintySeconds => RoundTripMs / 2000 + 0.5;

    public static ClockSample? FromResponse(string source, HttpResponseMessage response, DateTimeOffset sent, DateTimeOffset received)
    {
        ArgumentNullException.ThrowIfNull(response);
        var date = response.Headers.Date;
        return date == null ? null : new ClockSample(source, date.Value, sent, received);
    }
}
