namespace RoslynBootsnap.Tests.Support;

/// <summary>Runs the <c>roslyn-bootsnap</c> command line as a real child process, as a user would.</summary>
internal static class CliHost
{
    private static string CliPath => Path.Combine(AppContext.BaseDirectory, "roslyn-bootsnap.dll");

    /// <summary>Runs the command in <paramref name="workingDirectory"/> with no cache choice inherited from the test.</summary>
    public static ProcessResult Run(string workingDirectory, params string[] arguments) =>
        Run(workingDirectory, new Dictionary<string, string>(), arguments);

    public static ProcessResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        Run(TestHost.Dotnet, [CliPath], workingDirectory, environment, arguments);

    /// <summary>Runs the command as uid/gid 65534 (see <see cref="TestHost.RunAsNobody(TempDirectory, string[])"/>) in <paramref name="temp"/>.</summary>
    public static ProcessResult RunAsNobody(TempDirectory temp, params string[] arguments)
    {
        var copy = TestHost.CopyForNobody(temp);
        return Run(
            "setpriv",
            [.. TestHost.AsNobody, TestHost.Dotnet, Path.Combine(copy, "roslyn-bootsnap.dll")],
            temp.Path,
            new Dictionary<string, string> { ["HOME"] = copy },
            arguments);
    }

    private static ProcessResult Run(
        string program,
        string[] prefix,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        string[] arguments)
    {
        var info = ChildProcess.StartInfo(program, [.. prefix, .. arguments], workingDirectory);
        info.Environment.Remove(ScriptCache.CacheDirectoryVariable);
        info.Environment.Remove(ScriptCache.ReadOnlyVariable);
        info.Environment.Remove(ScriptCache.DisableVariable);
        info.Environment.Remove(ScriptCache.TrustedOwnersVariable);
        info.Environment["HOME"] = workingDirectory;
        info.Environment.Remove("XDG_CACHE_HOME");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        return ChildProcess.Run(info);
    }

    /// <summary>The non-empty lines of a stream, without carriage returns.</summary>
    public static IReadOnlyList<string> LinesOf(string text) =>
        [.. text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];
}
