using RegDiag.Core;
using RegDiag.Core.Har;
using RegDiag.Core.Import;
using RegDiag.Core.Redaction;

namespace RegDiag.Cli.Commands.Har;

/// <summary>Reads any capture and writes it as HAR through the redactor; returns the exit code.</summary>
internal sealed class HarExportHandler(string input, string output, bool redact, TextWriter stdout)
{
    public int Execute()
    {
        if (string.Equals(Path.GetFullPath(input), Path.GetFullPath(output), StringComparison.Ordinal))
        {
            throw new InputException($"{output}: the output would overwrite the input; choose another file");
        }
        var exchanges = CaptureLoader.Load(input);
        var temporary = output + ".partial";
        long count;
        try
        {
            // Written aside and renamed, so a failure never leaves half a HAR (or half-redacted data) behind.
            using (var stream = Create(temporary))
            using (var writer = new HarWriter(stream, redact ? RedactionOptions.Default : RedactionOptions.None))
            {
                foreach (var exchange in exchanges)
                {
                    writer.Append(exchange);
                }
                writer.Complete();
                count = writer.Count;
            }
            File.Move(temporary, output, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
        stdout.WriteLine($"{output}: {count} entries{(redact ? ", redacted" : ", NOT redacted")}");
        return CommandLine.Success;
    }

    private static FileStream Create(string path)
    {
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = 1 << 16 };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            return new FileStream(path, options);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputException($"{path}: cannot write ({e.Message})", e);
        }
    }
}
