using RoslynBootsnap.Caching;
using RoslynBootsnap.Loading;

namespace RoslynBootsnap.Compiling;

/// <summary>A compiled script and every file it was compiled from besides the script itself.</summary>
internal sealed record CompileResult(ScriptArtifact Artifact, IReadOnlyList<Dependency> Dependencies);
