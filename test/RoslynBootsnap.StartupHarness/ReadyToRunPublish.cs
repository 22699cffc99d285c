namespace RoslynBootsnap.StartupHarness;

/// <summary>Publishes a project of the repository ReadyToRun for linux-x64, framework-dependent: the shipped build.</summary>
internal static class ReadyToRunPublish
{
    public static void Run(string dotnet, string project, string output, string log)
    {
        var result = ChildProcess.Run(
            [dotnet, "publish", project, "-c", "Release", "-o", output, "--nologo", "-r", "linux-x64", "--self-contained", "false", "-p:PublishReadyToRun=true"],
            stdoutPath: log);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet publish of {Path.GetFileName(project)} failed; see {log}");
        }
    }
}
