namespace RegDiag.Doctor.Checks;

/// <summary>
/// One check of `regdiag doctor`. A check reads the options and the facts earlier checks published in the
/// <see cref="DoctorContext"/>, publishes its own, and returns an outcome; it never prints.
/// </summary>
public interface IDoctorCheck
{
    /// <summary>Stable id used by --only/--skip and in the JSON report.</summary>
    string Id { get; }

    string Title { get; }

    /// <summary>How long the check may take before it is reported as failed.</summary>
    TimeSpan Timeout { get; }

    /// <summary>Ids of checks whose facts this one reads; it starts after them.</summary>
    IReadOnlyList<string> DependsOn { get; }

    /// <summary>True when the check talks to HOST and so cannot run without it.</summary>
    bool NeedsHost { get; }

    Task<CheckOutcome> RunAsync(DoctorContext context, CancellationToken cancellationToken);
}
