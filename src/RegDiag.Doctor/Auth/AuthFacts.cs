using RegDiag.Doctor.Net;

namespace RegDiag.Doctor.Auth;

/// <summary>Published by the auth check: the token (if any) and what it says, for the clock check.</summary>
public sealed record AuthFacts(string? Token, JwtClaims? Claims, DateTimeOffset ReceivedAt, ClockSample? TokenServerClock);
