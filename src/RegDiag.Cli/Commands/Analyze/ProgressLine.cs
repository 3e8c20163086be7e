namespace RegDiag.Cli.Commands.Analyze;

/// <summary>
/// "reading capture.har: 120000 exchanges…" on stderr, rewritten in place; only when stderr is a terminal,
/// so scripts and redirected output never see it.
/// </summary>
internal sealed class ProgressLine(TextWriter error, string file) : IProgress<long>
{
    private bool _shown;

    public static ProgressLine? ForStderr(TextWriter error, string file) =>
        ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected ? new ProgressLine(error, file) : null;

    public void Report(long value)
    {
        _shown = true;
        error.Write($"\rreading {file}: {value} exchanges…");
    }

    public void Done()
    {
        if (_shown)
        {
            error.Write("\r\u001b[K");
        }
    }
}
