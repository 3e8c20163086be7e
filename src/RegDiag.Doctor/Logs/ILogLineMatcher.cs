namespace RegDiag.Doctor.Logs;

/// <summary>
/// Recognises failure signatures in registry, GitLab and nginx log lines. The rows come from the knowledge
/// base (the decoder's, shared with `analyze`); benign lines of a healthy push (401 on /v2/, 404
/// BLOB_UNKNOWN on existence HEADs, 307 redirects) must give null.
/// </summary>
public interface ILogLineMatcher
{
    /// <summary>The signature the line shows, or null. Called once per line: it must be cheap.</summary>
    LogLineMatch? Match(string line);
}
