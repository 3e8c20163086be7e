using RegDiag.Core.Har;
using RegDiag.Core.Model;
using RegDiag.Core.Redaction;

namespace RegDiag.Cli.Commands.Doctor;

/// <summary>--save: the probe push's exchanges as a HAR file, redacted by the shared Redactor.</summary>
internal static class HarExport
{
    public static void Write(string path, IReadOnlyList<Exchange> exchanges) =>
        HarWriter.WriteFile(exchanges, path, RedactionOptions.Default);
}
