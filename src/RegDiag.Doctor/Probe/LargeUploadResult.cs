namespace RegDiag.Doctor.Probe;

/// <summary>What a large single-PATCH upload met (<see cref="RegistryPushClient.ProbeLargeUploadAsync"/>).</summary>
/// <param name="Size">The body size sent in one PATCH.</param>
/// <param name="Status">The PATCH's status; null when it got no answer (or the upload never started).</param>
/// <param name="BytesSent">How much of the body went out before the answer or the failure.</param>
/// <param name="Elapsed">How long the PATCH took.</param>
/// <param name="Range">The Range header of a 202: "0-(Size-1)" when the registry got every byte.</param>
/// <param name="Server">The Server header of the PATCH's answer (who answered: nginx, envoy, …).</param>
/// <param name="ContentType">The answer's Content-Type: text/html from a proxy, JSON from the registry.</param>
/// <param name="Body">The beginning of the answer's body.</param>
/// <param name="Error">The transport error when there was no answer.</param>
public sealed record LargeUploadResult(
    long Size,
    IReadOnlyList<ProbeStep> Steps,
    int? Status,
    long BytesSent,
    TimeSpan Elapsed,
    string? Range,
    string? Server,
    string? ContentType,
    string? Body,
    string? Error)
{
    /// <summary>The step that failed (start or send), or null.</summary>
    public ProbeStep? FailedStep => Steps.FirstOrDefault(s => !s.Ok);
}
