namespace RoslynBootsnap.Tests.Support;

/// <summary>What a child process printed and how it exited.</summary>
internal sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError)
{
    public IReadOnlyList<string> Lines(string prefix) =>
        [.. StandardOutput.Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).Select(l => l[prefix.Length..].Trim())];

    public override string ToString() => $"exit {ExitCode}\n{StandardOutput}\n{StandardError}";
}
