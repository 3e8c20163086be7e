using RegDiag.Proxy;
using RegDiag.Tui.App;
using RegDiag.Tui.Flows;

namespace RegDiag.Cli.Commands.View;

/// <summary>
/// `regdiag proxy` with its terminal UI: the proxy publishes every exchange to the journal and to the UI's
/// store (which only enqueues, so capture never waits on drawing); quitting the UI stops the proxy.
/// </summary>
internal static class LiveCapture
{
    public static async Task<int> RunAsync(ProxyOptions options, Func<string, int>? afterStop, CancellationToken cancellationToken)
    {
        using var store = new FlowStore(live: true);
        string journalPath;
        await using (var server = await ProxyServer.StartAsync(options, [store], cancellationToken))
        {
            journalPath = server.JournalPath;
            var tuiOptions = new TuiOptions
            {
                Title = "regdiag proxy",
                ListenAddress = server.Endpoint.ToString(),
                CaPath = server.CaCertificatePath,
                CaInstalled = SystemTrustStore.Contains(server.CaCertificatePath),
                JournalPath = server.JournalPath,
            };
            // Terminal.Gui runs its own loop on this thread; the proxy keeps serving on the thread pool.
            await Task.Run(() => TuiRunner.Run(store, tuiOptions, cancellationToken), CancellationToken.None);
        }
        Console.Out.WriteLine($"regdiag proxy: stopped; journal {journalPath}");
        return afterStop?.Invoke(journalPath) ?? CommandLine.Success;
    }
}
