namespace RoslynBootsnap.StartupHarness;

/// <summary>
/// One way to ship: a published layout of the command line, and the harness's own floor and host programs
/// built the same way, so that each is compared with a floor that had the same chance (JIT or ReadyToRun).
/// </summary>
/// <param name="Name">The build's name in the report.</param>
/// <param name="Directory">Where the command line is published.</param>
/// <param name="PublishArguments">The publish arguments that make it (and the harness copy).</param>
/// <param name="HarnessDll">The floor and host program of the same build.</param>
internal sealed record CliBuild(string Name, string Directory, IReadOnlyList<string> PublishArguments, string HarnessDll)
{
    public string Dll => Path.Join(Directory, "roslyn-bootsnap.dll");
}
