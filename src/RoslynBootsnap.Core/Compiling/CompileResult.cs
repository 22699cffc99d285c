using RoslynBootsnap.Caching;
using RoslynBootsnap.Loading;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// A compiled script, every file it was compiled from besides the script itself, and which of those it named by a
/// path relative to its own tree (what the compiler recorded while resolving).
/// </summary>
internal sealed record CompileResult(ScriptArtifact Artifact, IReadOnlyList<Dependency> Dependencies, IReadOnlyList<string> RelativelyNamed);
