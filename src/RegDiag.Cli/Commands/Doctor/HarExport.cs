using RegDiag.Core;
using RegDiag.Core.Model;

namespace RegDiag.Cli.Commands.Doctor;

/// <summary>--save: the probe push's exchanges as a redacted HAR, through the decoder's HAR writer.</summary>
internal static class HarExport
{
    public static Task WriteAsync(string path, IReadOnlyList<Exchange> exchanges, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exchanges);
        // The HAR writer and its redaction belong to the decoder (branch decode); until it lands there is none to call.
        throw new InputException($"--save {path}: HAR export is not available in this build yet");
    }
}
