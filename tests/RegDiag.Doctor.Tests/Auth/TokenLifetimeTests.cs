using RegDiag.Doctor.Auth;

namespace RegDiag.Doctor.Tests.Auth;

public sealed class TokenLifetimeTests
{
    private static readonly DateTimeOffset Issued = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    private static JwtClaims Claims(int lifetimeSeconds) =>
        new("issuer", ["service"], "alice", Issued, Issued, Issued.AddSeconds(lifetimeSeconds), [], "kid");

    [Fact]
    public void Of_TokenShorterThanAnnounced_ExpiresWhileHeld()
    {
        var lifetime = TokenLifetime.Of(Claims(2), expiresIn: 300, serverNow: Issued);

        Assert.True(lifetime.ExpiresWhileHeld);
        Assert.False(lifetime.WithinLeeway);
        Assert.Equal(300, lifetime.HeldSeconds);
        Assert.Equal(TimeSpan.FromSeconds(2), lifetime.Usable);
        Assert.Contains("token lifetime 2 s", lifetime.Describe());
        Assert.Contains("expires_in 300 s", lifetime.Describe());
    }

    [Fact]
    public void Of_TokenLivingAsAnnounced_IsFine()
    {
        var lifetime = TokenLifetime.Of(Claims(300), expiresIn: 300, serverNow: Issued.AddSeconds(1));

        Assert.False(lifetime.ExpiresWhileHeld);
        Assert.False(lifetime.AnnouncedTooShort);
    }

    [Fact]
    public void Of_ConsistentButUnderAMinute_ExpiresWhileHeldBecauseClientsHoldSixtySeconds()
    {
        var lifetime = TokenLifetime.Of(Claims(30), expiresIn: 30, serverNow: Issued);

        Assert.True(lifetime.ExpiresWhileHeld);
        Assert.Equal(60, lifetime.HeldSeconds);
        // distribution's 60 s leeway still covers it; a registry without leeway does not.
        Assert.True(lifetime.WithinLeeway);
    }

    [Fact]
    public void Of_NoExpiresInAndFiveMinuteToken_IsFine()
    {
        var lifetime = TokenLifetime.Of(Claims(300), expiresIn: null, serverNow: Issued);

        Assert.False(lifetime.ExpiresWhileHeld);
        Assert.Contains("no expires_in", lifetime.Describe());
    }

    [Fact]
    public void Of_TokenIssuedLongAgo_ExpiresWhileHeldByWhatIsLeft()
    {
        // A token service that hands out a cached token: 300 s lifetime, but only 10 s of it left.
        var lifetime = TokenLifetime.Of(Claims(300), expiresIn: 300, serverNow: Issued.AddSeconds(290));

        Assert.True(lifetime.ExpiresWhileHeld);
        Assert.Equal(TimeSpan.FromSeconds(10), lifetime.Usable);
    }

    [Fact]
    public void Of_OpaqueTokenAnnouncedForThirtySeconds_AnnouncedTooShort()
    {
        var lifetime = TokenLifetime.Of(null, expiresIn: 30, serverNow: Issued);

        Assert.False(lifetime.ExpiresWhileHeld);
        Assert.True(lifetime.AnnouncedTooShort);
    }
}
