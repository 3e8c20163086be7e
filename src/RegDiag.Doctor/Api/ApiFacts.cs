using RegDiag.Doctor.Net;

namespace RegDiag.Doctor.Api;

/// <summary>Published by the api check: how /v2/ answered.</summary>
public sealed record ApiFacts(Uri BaseUri, int Status, AuthChallenge? Challenge, string? ApiVersion, ClockSample? Clock);
