namespace RoslynBootsnap.Tests.Support;

/// <summary>A named pipe made with <c>mkfifo(1)</c>, and a bounded wait for code that must not block on one.</summary>
internal static class Fifo
{
    private static readonly TimeSpan Generous = TimeSpan.FromMinutes(1);

    /// <summary>Makes a FIFO at <paramref name="path"/>; nothing ever writes to it.</summary>
    public static string Create(string path)
    {
        var made = ChildProcess.Run(ChildProcess.StartInfo("mkfifo", [path], Path.GetDirectoryName(path)!));
        Assert.That(made.ExitCode, Is.Zero, made.ToString());
        return path;
    }

    /// <summary>
    /// Runs <paramref name="action"/> on another thread and returns what it returned or threw. Should it still be
    /// blocked on the FIFO after a generous wait, a writer is opened to release it and the test fails.
    /// </summary>
    public static Task<T> Bounded<T>(string fifo, Func<T> action)
    {
        var task = Task.Factory.StartNew(action, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(Generous))
        {
            using (File.Open(fifo, FileMode.Open, FileAccess.Write))
            {
            }

            task.Wait(Generous);
            Assert.Fail($"Blocked on the FIFO '{fifo}' until a writer came.");
        }

        return task;
    }
}
