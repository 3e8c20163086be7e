namespace RegDiag.Doctor.Checks;

/// <summary>What a check returns; the runner adds id, title and duration to make a <see cref="CheckResult"/>.</summary>
public sealed record CheckOutcome(CheckStatus Status, string Finding, string? Fix = null, IReadOnlyList<string>? Evidence = null)
{
    public static CheckOutcome Pass(string finding, IReadOnlyList<string>? evidence = null) =>
        new(CheckStatus.Pass, finding, null, evidence);

    public static CheckOutcome Warn(string finding, string? fix, IReadOnlyList<string>? evidence = null) =>
        new(CheckStatus.Warn, finding, fix, evidence);

    public static CheckOutcome Fail(string finding, string? fix, IReadOnlyList<string>? evidence = null) =>
        new(CheckStatus.Fail, finding, fix, evidence);

    public static CheckOutcome Skip(string finding) => new(CheckStatus.Skipped, finding);

    /// <summary>For the checks that talk to the registry when <see cref="DoctorContext.AnsweringApi"/> is null.</summary>
    public static CheckOutcome SkipApiDidNotAnswer() => Skip("the registry API did not answer (see api)");
}
