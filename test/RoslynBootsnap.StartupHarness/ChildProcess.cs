using System.Diagnostics;
using System.Runtime.InteropServices;

namespace RoslynBootsnap.StartupHarness;

/// <summary>
/// Starts a child with <c>posix_spawnp</c> and reaps it with <c>wait4</c>, whose rusage gives the child's own
/// peak RSS exactly (polling /proc can miss the last moments before exit). The harness never uses
/// <see cref="Process"/>: its SIGCHLD handling would reap our children before <c>wait4</c> could.
/// </summary>
internal static partial class ChildProcess
{
    private const int OpenWriteCreateTruncate = 0x1 | 0x40 | 0x200; // O_WRONLY | O_CREAT | O_TRUNC

    /// <summary>Runs a command to completion; its stdout goes to <paramref name="stdoutPath"/> (default /dev/null).</summary>
    public static ChildResult Run(IReadOnlyList<string> command, IReadOnlyDictionary<string, string?>? environment = null, string? stdoutPath = null, bool inheritOutput = false)
    {
        var argv = ToNative(command);
        var envp = ToNative(Environment(environment));
        var actions = Marshal.AllocHGlobal(256);
        try
        {
            Check(posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            if (!inheritOutput)
            {
                Check(posix_spawn_file_actions_addopen(actions, 1, stdoutPath ?? "/dev/null", OpenWriteCreateTruncate, 0x1a4), "addopen");
                if (stdoutPath is not null)
                {
                    // A captured run keeps stderr too: that is where the cache's events go.
                    Check(posix_spawn_file_actions_adddup2(actions, 1, 2), "adddup2");
                }
            }

            var start = Stopwatch.GetTimestamp();
            Check(posix_spawnp(out var pid, command[0], actions, IntPtr.Zero, argv, envp), "posix_spawnp " + command[0]);
            int reaped;
            int status;
            Rusage usage;
            do
            {
                reaped = wait4(pid, out status, 0, out usage);
            }
            while (reaped == -1 && Marshal.GetLastPInvokeError() == 4 /* EINTR */);

            var elapsed = Stopwatch.GetElapsedTime(start);
            if (reaped != pid)
            {
                throw new InvalidOperationException($"wait4 failed for {command[0]}: errno {Marshal.GetLastPInvokeError()}");
            }

            var exitCode = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f);
            return new ChildResult(exitCode, elapsed, usage.MaxRssKilobytes * 1024);
        }
        finally
        {
            _ = posix_spawn_file_actions_destroy(actions);
            Marshal.FreeHGlobal(actions);
            Free(argv);
            Free(envp);
        }
    }

    private static List<string> Environment(IReadOnlyDictionary<string, string?>? overrides)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;

            // A child must not inherit a cache choice: every case names its own cache dir.
            if (!name.StartsWith("ROSLYN_BOOTSNAP_", StringComparison.Ordinal))
            {
                variables[name] = (string?)entry.Value ?? string.Empty;
            }
        }

        variables["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        variables["DOTNET_NOLOGO"] = "1";

        // In-process compiles unless a case asks for the compile server, which would outlive the harness.
        variables["ROSLYN_BOOTSNAP_NO_SERVER"] = "1";
        foreach (var (name, value) in overrides ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                variables.Remove(name);
            }
            else
            {
                variables[name] = value;
            }
        }

        return [.. variables.Select(v => $"{v.Key}={v.Value}")];
    }

    private static IntPtr[] ToNative(IReadOnlyList<string> strings)
    {
        var pointers = new IntPtr[strings.Count + 1];
        for (var i = 0; i < strings.Count; i++)
        {
            pointers[i] = Marshal.StringToCoTaskMemUTF8(strings[i]);
        }

        return pointers;
    }

    private static void Free(IntPtr[] pointers)
    {
        foreach (var pointer in pointers)
        {
            Marshal.FreeCoTaskMem(pointer);
        }
    }

    private static void Check(int result, string what)
    {
        if (result != 0)
        {
            throw new InvalidOperationException($"{what} failed: error {result}");
        }
    }

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int posix_spawnp(out int pid, string file, IntPtr fileActions, IntPtr attributes, IntPtr[] argv, IntPtr[] envp);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_init(IntPtr fileActions);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_destroy(IntPtr fileActions);

    [LibraryImport("libc", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int posix_spawn_file_actions_addopen(IntPtr fileActions, int fd, string path, int flags, int mode);

    [LibraryImport("libc")]
    private static partial int posix_spawn_file_actions_adddup2(IntPtr fileActions, int fd, int newFd);

    [LibraryImport("libc", SetLastError = true)]
    private static partial int wait4(int pid, out int status, int options, out Rusage usage);

    /// <summary><c>struct rusage</c> on 64-bit Linux: two timevals, then fourteen longs starting with ru_maxrss (KiB).</summary>
    [StructLayout(LayoutKind.Explicit, Size = 144)]
    private struct Rusage
    {
        [FieldOffset(32)]
        public long MaxRssKilobytes;
    }
}
