using System.Buffers;

namespace RegDiag.Doctor.Logs;

/// <summary>
/// Recognises failure signatures in registry, GitLab and nginx log lines. The rows come from the knowledge
/// base (the decoder's, shared with `analyze`); benign lines of a healthy push (401 on /v2/, 404
/// BLOB_UNKNOWN on existence HEADs, 307 redirects) must give null.
/// </summary>
public interface ILogLineMatcher
{
    /// <summary>
    /// Strings of which every matching line contains at least one, or null when there are none: the scanner
    /// then skips whole blocks of text without a candidate, which is what makes a 1 GB log take seconds.
    /// </summary>
    SearchValues<string>? Candidates { get; }

    /// <summary>The signature the line shows, or null.</summary>
    LogLineMatch? Match(string line);
}
