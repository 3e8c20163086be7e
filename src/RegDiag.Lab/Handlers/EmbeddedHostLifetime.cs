using Microsoft.Extensions.Hosting;

namespace RegDiag.Lab.Handlers;

/// <summary>
/// Replaces the generic host's console lifetime, which would take over Ctrl-C and SIGTERM: the lab is
/// embedded in a command (or a test) that owns those signals and stops the lab by disposing it.
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
