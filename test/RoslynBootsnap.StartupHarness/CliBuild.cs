namespace RoslynBootsnap.StartupHarness;

/// <summary>A published layout of the command line: its name in the report and the publish arguments that make it.</summary>
internal sealed record CliBuild(string Name, string Directory, IReadOnlyList<string> PublishArguments)
{
    public string Dll => Path.Join(Directory, "roslyn-bootsnap.dll");
}
