using RegDiag.Core.Model;

namespace RegDiag.Tui.Actions;

/// <summary>Writes exchanges as a HAR file through the decoder's writer and redactor.</summary>
internal static class HarExport
{
    public static void Write(IEnumerable<Exchange> exchanges, string path, bool redact) =>
        throw new IOException("HAR export is not available in this build yet");
}
