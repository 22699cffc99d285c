using System.Globalization;

namespace RoslynBootsnap.Tests.Support;

/// <summary>
/// What the kernel says about this test process's children at one moment: the children still alive (or not yet
/// reaped), and the minor page faults of every child already reaped. Any program that runs and exits adds hundreds
/// of faults, so a rise between two snapshots proves that a child came and went in between, however briefly; and
/// it sees every child, whether a test helper, the library (a restore, a compile server) or a tool started it.
/// </summary>
/// <param name="ReapedChildFaults">Field 11 of <c>/proc/self/stat</c> (cminflt).</param>
/// <param name="LiveChildren">The pids in <c>/proc/self/task/*/children</c>.</param>
internal sealed record ChildProcessSnapshot(long ReapedChildFaults, IReadOnlySet<int> LiveChildren)
{
    /// <summary>Whether this platform can be watched at all (Linux with <c>/proc</c>).</summary>
    public static bool IsSupported => OperatingSystem.IsLinux() && File.Exists("/proc/self/stat");

    /// <summary>Reads both counts now: a few small /proc reads.</summary>
    public static ChildProcessSnapshot Take()
    {
        // The command name in field 2 may hold spaces and parentheses: count fields from the last ')'.
        var stat = File.ReadAllText("/proc/self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var faults = long.Parse(fields[11 - 3], CultureInfo.InvariantCulture);

        var live = new HashSet<int>();
        foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
        {
            try
            {
                foreach (var pid in File.ReadAllText(Path.Join(task, "children")).Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    live.Add(int.Parse(pid, CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // The thread ended between listing and reading: it has no children to report.
            }
        }

        return new ChildProcessSnapshot(faults, live);
    }

    /// <summary>
    /// Why <paramref name="after"/> shows a child started since this snapshot, or <see langword="null"/> when none was.
    /// A child that was already running and ended in between also adds faults, so then only new live children count.
    /// </summary>
    public string? StartedSince(ChildProcessSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var started = after.LiveChildren.Except(LiveChildren).ToList();
        if (started.Count > 0)
        {
            return $"child process(es) {string.Join(", ", started)} still running";
        }

        var earlierEnded = LiveChildren.Except(after.LiveChildren).Any();
        return after.ReapedChildFaults > ReapedChildFaults && !earlierEnded
            ? $"a child process ran and exited ({after.ReapedChildFaults - ReapedChildFaults} page faults)"
            : null;
    }
}
