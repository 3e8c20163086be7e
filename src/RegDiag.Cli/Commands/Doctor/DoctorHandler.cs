using System.CommandLine;
using RegDiag.Core;
using RegDiag.Core.Text;
using RegDiag.Doctor.BodySize;
using RegDiag.Doctor.Checks;
using RegDiag.Doctor.Debug;
using RegDiag.Doctor.Net;
using RegDiag.Doctor.Output;
using RegDiag.Doctor.S3;

namespace RegDiag.Cli.Commands.Doctor;

/// <summary>Turns the parsed command line into <see cref="DoctorOptions"/>, runs the checks and writes the outputs.</summary>
internal sealed class DoctorHandler(DoctorDefinition definition, ParseResult parseResult)
{
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var stdout = parseResult.InvocationConfiguration.Output;
        var stderr = parseResult.InvocationConfiguration.Error;
        var options = BuildOptions();
        var json = parseResult.GetValue(definition.Json);
        if (options.Target == null && options.Image == null && options.Logs.Count == 0 && options.RegistryConfigPath == null
            && options.DebugAddress == null && options.S3Overrides == null)
        {
            throw new InputException("doctor needs HOST, or offline inputs (--log, --image, --registry-config): regdiag doctor registry.example.com");
        }
        var context = new DoctorContext(options, progress: line => stderr.WriteLine(line));
        var report = await DoctorChecks.RunAsync(context, cancellationToken);

        if (json)
        {
            stdout.WriteLine(JsonRenderer.Serialize(report));
        }
        else
        {
            TextRenderer.Write(report, stdout, ReferenceEquals(stdout, Console.Out) ? AnsiStyle.ForStdout() : AnsiStyle.Plain);
        }
        if (parseResult.GetValue(definition.Report) is { } reportPath)
        {
            await File.WriteAllTextAsync(reportPath, MarkdownReport.Render(report, RedactedArguments()), cancellationToken);
            if (!json)
            {
                stdout.WriteLine($"report written to {reportPath}");
            }
        }
        if (parseResult.GetValue(definition.Save) is { } harPath)
        {
            HarExport.Write(harPath, report.Exchanges);
            if (!json)
            {
                stdout.WriteLine($"{report.Exchanges.Count} probe exchanges written to {harPath} (redacted)");
            }
        }
        return report.ExitCode;
    }

    private DoctorOptions BuildOptions()
    {
        var host = parseResult.GetValue(definition.Host);
        var user = parseResult.GetValue(definition.User);
        string? password = null;
        if (parseResult.GetValue(definition.PasswordStdin))
        {
            if (user == null)
            {
                throw new InputException("--password-stdin needs --user");
            }
            password = Console.In.ReadLine()?.TrimEnd('\r', '\n');
            if (string.IsNullOrEmpty(password))
            {
                throw new InputException("--password-stdin: nothing on standard input");
            }
        }
        S3Settings? s3 = null;
        string? secret = null;
        if (parseResult.GetValue(definition.S3SecretKeyStdin))
        {
            secret = Console.In.ReadLine()?.TrimEnd('\r', '\n');
            if (string.IsNullOrEmpty(secret))
            {
                throw new InputException("--s3-secret-key-stdin: nothing on standard input");
            }
        }
        var bucket = parseResult.GetValue(definition.S3Bucket);
        var region = parseResult.GetValue(definition.S3Region);
        var endpoint = parseResult.GetValue(definition.S3Endpoint);
        var root = parseResult.GetValue(definition.S3RootDirectory);
        var accessKey = parseResult.GetValue(definition.S3AccessKey);
        var pathStyle = parseResult.GetValue(definition.S3PathStyle);
        if (bucket != null || region != null || endpoint != null || root != null || accessKey != null || secret != null || pathStyle != null)
        {
            s3 = new S3Settings
            {
                Bucket = bucket,
                Region = region,
                RegionEndpoint = endpoint,
                RootDirectory = root,
                AccessKey = accessKey,
                SecretKey = secret,
                ForcePathStyle = pathStyle,
            };
        }
        var debug = parseResult.GetValue(definition.DebugAddress);
        if (debug != null)
        {
            DebugAddress.Parse(debug);
        }
        Uri? proxy = null;
        if (parseResult.GetValue(definition.Proxy) is { } proxyText
            && (!Uri.TryCreate(proxyText, UriKind.Absolute, out proxy) || proxy.Scheme is not ("http" or "https")))
        {
            throw new InputException($"--proxy {proxyText}: expected a URL such as http://127.0.0.1:8080");
        }
        if (parseResult.GetValue(definition.Save) != null && parseResult.GetValue(definition.ProbePush) == null)
        {
            throw new InputException("--save writes the probe push's exchanges: give --probe-push REPO too");
        }
        var probeSize = parseResult.GetValue(definition.ProbeSize) is { } sizeText
            ? ByteSize.Parse(sizeText, "--probe-size")
            : DoctorOptions.DefaultProbeSize;
        return new DoctorOptions
        {
            Target = host == null ? null : RegistryTarget.Parse(host),
            Image = parseResult.GetValue(definition.Image),
            GitLabProject = parseResult.GetValue(definition.GitLabProject),
            CaFile = parseResult.GetValue(definition.CaFile),
            User = user,
            Password = password,
            DebugAddress = debug,
            RegistryConfigPath = parseResult.GetValue(definition.RegistryConfig),
            S3Overrides = s3,
            Logs = parseResult.GetValue(definition.Logs) ?? [],
            ProbePushRepository = parseResult.GetValue(definition.ProbePush),
            ProbeManifest = !parseResult.GetValue(definition.NoManifest),
            ProbeSize = probeSize,
            Proxy = proxy,
            Only = Ids(definition.Only),
            Skip = Ids(definition.Skip),
        };
    }

    private string[] Ids(Option<string[]> option) =>
        (parseResult.GetValue(option) ?? []).SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray();

    /// <summary>The command line for the report; secrets come from stdin, so only the access key id is shortened.</summary>
    private IEnumerable<string> RedactedArguments() =>
        parseResult.Tokens.Select(t => t.Value).SkipWhile(v => v == "doctor");
}
