using RegDiag.Doctor.Net;

namespace RegDiag.Doctor.Auth;

/// <summary>The token server's answer: a token (when Status is 200) or the status and body explaining why not.</summary>
public sealed record TokenResult(Uri Url, int Status, string? Token, int? ExpiresIn, string Body, ClockSample? Clock);
