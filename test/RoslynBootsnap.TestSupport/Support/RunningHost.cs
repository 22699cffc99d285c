using System.Diagnostics;

namespace RoslynBootsnap.Tests.Support;

/// <summary>A host process that is still running; its output is collected line by line as it comes.</summary>
internal sealed class RunningHost : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _lines = [];
    private readonly System.Text.StringBuilder _stderr = new();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _errorClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RunningHost(ProcessStartInfo info)
    {
        _process = new Process { StartInfo = info };
        _process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _outputClosed.TrySetResult();
                return;
            }

            lock (_lines)
            {
                _lines.Add(e.Data);
                Monitor.PulseAll(_lines);
            }
        };
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _errorClosed.TrySetResult();
                return;
            }

            lock (_stderr)
            {
                _stderr.AppendLine(e.Data);
            }
        };
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    /// <summary>The host's standard input (started with it redirected, as <see cref="CliHost.Start(string, string[])"/> does).</summary>
    public Stream StandardInput => _process.StandardInput.BaseStream;

    public bool HasExited => _process.HasExited;

    /// <summary>Waits until the host prints a line that starts with <paramref name="prefix"/> and returns its rest.</summary>
    public string WaitForLine(string prefix, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        lock (_lines)
        {
            while (true)
            {
                var line = _lines.FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
                if (line is not null)
                {
                    return line[prefix.Length..].Trim();
                }

                var left = deadline - DateTime.UtcNow;
                if (left <= TimeSpan.Zero || _outputClosed.Task.IsCompleted)
                {
                    throw new TimeoutException($"The test host never printed '{prefix}':\n{string.Join('\n', _lines)}\n{_stderr}");
                }

                Monitor.Wait(_lines, left < TimeSpan.FromMilliseconds(200) ? left : TimeSpan.FromMilliseconds(200));
            }
        }
    }

    /// <summary>Sends a signal by name (<c>INT</c>, <c>TERM</c>) through <c>kill(1)</c>, without waiting for its effect.</summary>
    public void Signal(string name)
    {
        var result = ChildProcess.Run(ChildProcess.StartInfo("kill", ["-" + name, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], Environment.CurrentDirectory));
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    /// <summary>Sends SIGKILL (on Unix) and waits for the process to be gone.</summary>
    public ProcessResult Kill()
    {
        _process.Kill(entireProcessTree: true);
        return WaitForExit(TimeSpan.FromMinutes(1));
    }

    public ProcessResult WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The test host did not finish: {string.Join(' ', _process.StartInfo.ArgumentList)}");
        }

        // Both pipes are drained once the process is gone and its output has been read to the end.
        Task.WaitAll([_outputClosed.Task, _errorClosed.Task], TimeSpan.FromMinutes(1));
        lock (_lines)
        {
            lock (_stderr)
            {
                return new ProcessResult(_process.ExitCode, string.Join('\n', _lines), _stderr.ToString());
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(30));
            }
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
    }
}
