namespace RegDiag.Doctor.Checks;

/// <summary>The stable ids of the checks, in report order.</summary>
public static class CheckIds
{
    public const string Reachability = "reachability";
    public const string Tls = "tls";
    public const string Api = "api";
    public const string Auth = "auth";
    public const string Clock = "clock";
    public const string Name = "name";
    public const string Debug = "debug";
    public const string S3 = "s3";
    public const string Logs = "logs";
    public const string ProbePush = "probe-push";
    public const string BodySize = "body-size";
    public const string Latency = "latency";
    public const string Stability = "stability";

    public static IReadOnlyList<string> All { get; } =
        [Reachability, Tls, Api, Auth, Clock, Name, Debug, S3, Logs, ProbePush, BodySize, Latency, Stability];
}
