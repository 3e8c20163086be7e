using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace RegDiag.Testing;

/// <summary>A peer process started by a test, its output collected for failure messages; killed on dispose.</summary>
public sealed class RunningProcess : IDisposable
{
    /// <summary>Linux signal numbers for <see cref="Signal"/>.</summary>
    public const int SigInt = 2;
    public const int SigTerm = 15;

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    internal RunningProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Sends a POSIX signal (e.g. <see cref="SigTerm"/>), as a service manager or Ctrl-C would.</summary>
    public void Signal(int signal)
    {
        if (kill(_process.Id, signal) != 0)
        {
            throw new InvalidOperationException($"kill({_process.Id}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }

    /// <summary>Waits for the process to exit and returns its exit code; throws TimeoutException after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        await _process.WaitForExitAsync().WaitAsync(timeout);
        return _process.ExitCode;
    }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Append(string? line)
    {
        if (line == null)
        {
            return;
        }
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
