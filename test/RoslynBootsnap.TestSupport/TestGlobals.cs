namespace RoslynBootsnap.Tests;

/// <summary>A globals type for the scripts under test.</summary>
public sealed class TestGlobals
{
    public string Name { get; set; } = string.Empty;

    public int Count { get; set; }

    public TestGlobals Self => this;
}
