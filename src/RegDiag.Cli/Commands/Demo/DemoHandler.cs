using System.Net;
using RegDiag.Cli.Commands.View;
using RegDiag.Core;
using RegDiag.Core.Analysis;
using RegDiag.Core.Redaction;
using RegDiag.Core.Text;
using RegDiag.Core.Timeline;
using RegDiag.Doctor.Net;
using RegDiag.Doctor.Probe;
using RegDiag.Lab;
using RegDiag.Lab.Scenarios;
using RegDiag.Proxy;
using RegDiag.Tui.App;
using RegDiag.Tui.Flows;

namespace RegDiag.Cli.Commands.Demo;

/// <summary>
/// The main job on the embedded default, in one command:
/// <code>
///  push client (doctor's, speaks like docker) ──► regdiag proxy ──► lab registry (token auth, S3 storage)
///                                                     │        └──► lab S3 endpoint (the fault)
///                                                     └──► journal + terminal UI / printed analysis
/// </code>
/// Everything listens on loopback on free ports and stops when the demo ends (the journal stays).
/// </summary>
internal sealed class DemoHandler(string scenario, bool noTui, bool json, string? home, TextWriter stdout, TextWriter stderr)
{
    private const string Repository = "demo/app";

    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        if (LabScenarios.Find(scenario) is not { } descriptor)
        {
            throw new InputException($"--scenario {scenario}: unknown; one of {string.Join(", ", LabScenarios.All.Select(d => d.Name))}");
        }
        if (!noTui)
        {
            TerminalCheck.Require("regdiag demo", "regdiag demo --no-tui");
        }
        var style = ReferenceEquals(stdout, Console.Out) ? AnsiStyle.ForStdout() : AnsiStyle.Plain;
        var progress = json ? stderr : stdout;
        using var store = new FlowStore(live: false);
        progress.WriteLine(style.Bold($"regdiag demo: {scenario}") + $" - {descriptor.Description}");
        await using var lab = await LabHost.StartAsync(new LabOptions
        {
            Storage = LabStorageKind.S3,
            Scenarios = [scenario],
            Auth = LabAuthMode.Token,
            RegDiagHome = home,
        }, cancellationToken);
        progress.WriteLine($"  lab registry    {lab.RegistryUri} (token auth, S3 storage at {lab.S3Uri}, fault {scenario})");
        await using var proxy = await ProxyServer.StartAsync(new ProxyOptions
        {
            ListenAddress = IPAddress.Loopback,
            Port = 0,
            Home = home,
            UpstreamCaFiles = lab.CaCertificatePath is { } labCa ? [labCa] : [],
        }, [store], cancellationToken);
        progress.WriteLine($"  proxy           {proxy.ProxyUri} (journal {proxy.JournalPath})");

        var user = lab.Users.FirstOrDefault();
        using var client = new RegistryPushClient(new RegistryPushClientOptions
        {
            Registry = lab.RegistryUri,
            User = user?.Name,
            Password = user?.Password,
            Trust = CertificateTrust.Load(proxy.CaCertificatePath),
            Proxy = new Uri(proxy.ProxyUri),
            Source = "demo",
        });
        progress.WriteLine($"  pushing         {lab.RegistryHost}/{Repository} through the proxy, like docker push");
        var result = await client.ProbeAsync(Repository, cancellationToken: cancellationToken);
        var failed = result.FailedStep;
        progress.WriteLine(failed == null
            ? $"  push            {style.Green("succeeded")}"
            : $"  push            {style.Red("failed")} at {failed.Name}: {failed.Method} {Redactor.Default.RedactUrl(failed.Url)} -> {failed.Status?.ToString() ?? "no response"}");

        if (!store.WaitForClassification(TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("the captured exchanges were not classified in 30 s");
        }
        store.AnalyseNow();
        var analysis = store.Analysis!;
        if (noTui)
        {
            progress.WriteLine();
            if (json)
            {
                var timeline = TimelineBuilder.Build(analysis, Redactor.Default);
                stdout.WriteLine(AnalysisJson.Serialize(AnalysisDocumentBuilder.Build(analysis, timeline, Redactor.Default, proxy.JournalPath)));
            }
            else
            {
                new AnalysisTextRenderer(style).Render(analysis, TimelineBuilder.Build(analysis, Redactor.Default), stdout);
                stdout.WriteLine($"Journal: {proxy.JournalPath} (open it with: regdiag view {proxy.JournalPath})");
            }
            return CommandLine.Success;
        }
        await Task.Run(() => TuiRunner.Run(store, new TuiOptions
        {
            Title = $"regdiag demo {scenario}",
            ListenAddress = proxy.Endpoint.ToString(),
            CaPath = proxy.CaCertificatePath,
            CaInstalled = SystemTrustStore.Contains(proxy.CaCertificatePath),
            JournalPath = proxy.JournalPath,
            SelectFirstDiagnosed = true,
        }, cancellationToken), CancellationToken.None);
        stdout.WriteLine($"regdiag demo: journal {proxy.JournalPath}");
        return CommandLine.Success;
    }
}
