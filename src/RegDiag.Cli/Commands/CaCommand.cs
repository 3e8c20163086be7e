using System.CommandLine;
using System.Text.Json;
using RegDiag.Cli.Commands.Ca;
using RegDiag.Core;
using RegDiag.Proxy.Certificates;

namespace RegDiag.Cli.Commands;

/// <summary>`regdiag ca init | path | export`: the proxy's certificate authority.</summary>
internal static class CaCommand
{
    public static Command Create()
    {
        var command = new Command("ca", "Create, locate and export the proxy's certificate authority.");
        command.Subcommands.Add(CreateInit());
        command.Subcommands.Add(CreatePath());
        command.Subcommands.Add(CreateExport());
        return command;
    }

    /// <summary>`--ca-dir`, shared with `regdiag proxy`.</summary>
    public static Option<string?> CreateCaDirOption() => new("--ca-dir")
    {
        HelpName = "DIR",
        Description = "Directory of the CA (default: $REGDIAG_HOME/ca, $REGDIAG_HOME defaulting to ~/.regdiag).",
    };

    public static string ResolveCaDir(string? caDir) =>
        caDir ?? RegDiagHome.CaDirectory(RegDiagHome.Resolve());

    private static Command CreateInit()
    {
        var caDir = CreateCaDirOption();
        var constraints = new Option<string[]>("--name-constraints")
        {
            HelpName = "HOST[,HOST...]",
            Description = "Only let the CA vouch for these hosts (and their subdomains), e.g. registry.example.com,s3.example.com.",
            CustomParser = result => [.. result.Tokens.SelectMany(t => t.Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))],
            AllowMultipleArgumentsPerToken = false,
        };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON." };
        var command = new Command("init", "Create the CA (or keep the existing one) and print where it is.");
        command.Options.Add(caDir);
        command.Options.Add(constraints);
        command.Options.Add(json);
        command.SetAction(parseResult =>
        {
            using var ca = CertificateAuthority.LoadOrCreate(
                ResolveCaDir(parseResult.GetValue(caDir)), parseResult.GetValue(constraints) ?? []);
            var info = new CaInfo(
                ca.CertificatePath, ca.KeyPath, ca.Certificate.Subject, ca.Certificate.NotBefore.ToUniversalTime(),
                ca.Certificate.NotAfter.ToUniversalTime(), ca.Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256),
                ca.NameConstraints, ca.Created);
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(info, CaJson.Default.CaInfo));
                return CommandLine.Success;
            }
            output.WriteLine($"{(ca.Created ? "Created" : "Using existing")} CA {info.Subject}");
            output.WriteLine($"  certificate: {info.CertificatePath}");
            output.WriteLine($"  key:         {info.KeyPath} (mode 0600, keep it private)");
            output.WriteLine($"  valid:       {info.NotBefore:yyyy-MM-dd} to {info.NotAfter:yyyy-MM-dd}");
            output.WriteLine($"  constraints: {(info.NameConstraints.Count == 0 ? "none (can vouch for any host)" : string.Join(", ", info.NameConstraints))}");
            output.WriteLine("Trust it with: sudo ./install-ca.sh --registry HOST   (see README)");
            return CommandLine.Success;
        });
        return command;
    }

    private static Command CreatePath()
    {
        var caDir = CreateCaDirOption();
        var command = new Command("path", "Print the path of the CA certificate (PEM), creating the CA when there is none.");
        command.Options.Add(caDir);
        command.SetAction(parseResult =>
        {
            using var ca = CertificateAuthority.LoadOrCreate(ResolveCaDir(parseResult.GetValue(caDir)));
            parseResult.InvocationConfiguration.Output.WriteLine(ca.CertificatePath);
            return CommandLine.Success;
        });
        return command;
    }

    private static Command CreateExport()
    {
        var caDir = CreateCaDirOption();
        var format = new Option<CaExportFormat>("--format")
        {
            Description = "pem, der or p12 (certificate only, never the key).",
            HelpName = "pem|der|p12",
            DefaultValueFactory = _ => CaExportFormat.Pem,
        };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of standard output.", HelpName = "FILE" };
        var command = new Command("export", "Export the CA certificate for a trust store.");
        command.Options.Add(caDir);
        command.Options.Add(format);
        command.Options.Add(output);
        command.SetAction(parseResult =>
        {
            using var ca = CertificateAuthority.LoadOrCreate(ResolveCaDir(parseResult.GetValue(caDir)));
            var chosen = parseResult.GetValue(format);
            var bytes = ca.Export(chosen);
            var file = parseResult.GetValue(output);
            if (file != null)
            {
                File.WriteAllBytes(file, bytes);
            }
            else if (chosen == CaExportFormat.Pem)
            {
                parseResult.InvocationConfiguration.Output.Write(System.Text.Encoding.ASCII.GetString(bytes));
            }
            else if (!Console.IsOutputRedirected)
            {
                throw new InputException($"--format {chosen.ToString().ToLowerInvariant()} is binary: pass --output FILE or redirect standard output");
            }
            else
            {
                using var stdout = Console.OpenStandardOutput();
                stdout.Write(bytes);
            }
            return CommandLine.Success;
        });
        return command;
    }
}
