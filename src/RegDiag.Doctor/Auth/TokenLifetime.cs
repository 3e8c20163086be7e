namespace RegDiag.Doctor.Auth;

/// <summary>
/// How long a token really lives, set against how long its holders keep using it. The token spec says
/// expires_in defaults to 60 s and a token should never live less than that; Docker's and skopeo's clients
/// (minimumTokenLifetimeSeconds = 60) reuse a token for the announced expires_in and never for less than 60 s.
/// The registry refuses it after its exp (distribution adds 60 s of leeway, other registries none), so a token
/// that dies before its holders drop it fails every request in between with "unauthorized: authentication
/// required", typically midway through a push.
/// </summary>
/// <param name="Lifetime">exp minus nbf (or iat), from the JWT; null for opaque tokens.</param>
/// <param name="Remaining">exp minus the token service's time when it answered; null for opaque tokens.</param>
/// <param name="AnnouncedSeconds">The token response's expires_in, when present.</param>
internal sealed record TokenLifetime(TimeSpan? Lifetime, TimeSpan? Remaining, int? AnnouncedSeconds)
{
    /// <summary>The spec's default and the clients' floor for how long a token is held.</summary>
    public const int ClientMinimumSeconds = 60;

    /// <summary>iat, exp and the Date header have whole seconds.</summary>
    private const double ToleranceSeconds = 2;

    /// <summary>How long past exp distribution still accepts a token; other registries allow none.</summary>
    public const int DistributionLeewaySeconds = 60;

    /// <summary>How long Docker and skopeo hold the token: expires_in, never less than 60 s.</summary>
    public int HeldSeconds => Math.Max(AnnouncedSeconds ?? ClientMinimumSeconds, ClientMinimumSeconds);

    /// <summary>How long the token is usable from now: the shorter of its lifetime and what is left of it.</summary>
    public TimeSpan? Usable => (Lifetime, Remaining) switch
    {
        ({ } l, { } r) => l < r ? l : r,
        ({ } l, null) => l,
        (null, { } r) => r,
        _ => null,
    };

    /// <summary>True when the JWT shows the token dies before its holders stop using it.</summary>
    public bool ExpiresWhileHeld => Usable is { } usable && usable.TotalSeconds + ToleranceSeconds < HeldSeconds;

    /// <summary>True when the token dies early but within distribution's leeway: only registries without one fail.</summary>
    public bool WithinLeeway => ExpiresWhileHeld && Usable!.Value.TotalSeconds + DistributionLeewaySeconds + ToleranceSeconds >= HeldSeconds;

    /// <summary>True when only the announcement is known (opaque token) and it is below the clients' floor.</summary>
    public bool AnnouncedTooShort => Usable == null && AnnouncedSeconds is { } announced && announced < ClientMinimumSeconds;

    /// <param name="serverNow">The token service's time when it answered (its Date header), or this machine's.</param>
    public static TokenLifetime Of(JwtClaims? claims, int? expiresIn, DateTimeOffset serverNow)
    {
        TimeSpan? lifetime = null;
        TimeSpan? remaining = null;
        if (claims?.Expires is { } exp)
        {
            if ((claims.NotBefore ?? claims.IssuedAt) is { } start)
            {
                lifetime = exp - start;
            }
            remaining = exp - serverNow;
        }
        return new TokenLifetime(lifetime, remaining, expiresIn);
    }

    /// <summary>One evidence line, e.g. "token lifetime 300 s (exp - nbf), 299 s left; expires_in 300 s; clients hold it 300 s".</summary>
    public string Describe()
    {
        var parts = new List<string>();
        if (Lifetime is { } lifetime)
        {
            parts.Add($"token lifetime {Seconds(lifetime)} (exp - nbf/iat)");
        }
        if (Remaining is { } remaining)
        {
            parts.Add($"{Seconds(remaining)} left by the token service's clock");
        }
        parts.Add(AnnouncedSeconds is { } announced ? $"expires_in {announced} s" : "no expires_in (clients assume 60 s)");
        parts.Add($"clients hold it {HeldSeconds} s");
        return string.Join("; ", parts);
    }

    public static string Seconds(TimeSpan span) =>
        span.TotalSeconds >= 120 ? $"{span.TotalMinutes:0.#} min" : $"{Math.Round(span.TotalSeconds):0} s";
}
