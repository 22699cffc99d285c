using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// Stands for the package part in a host that ships a compiler without it: a <c>nuget:</c> directive is a
/// <see cref="ScriptPackageException"/> (<see cref="ScriptPackageFailure.PackagesUnavailable"/>), or, where
/// package references are turned off, refused as they would be with the part.
/// </summary>
internal sealed class MissingPackageScheme : IReferenceScheme
{
    private const string Scheme = "nuget:";

    public bool Claims(string? reference) =>
        reference is not null && reference.TrimStart().StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    public IReferenceResolution Begin(string scriptPath, CompileSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new Resolution(scriptPath, settings.AllowPackageReferences);
    }

    private sealed class Resolution(string scriptPath, bool allowed) : IReferenceResolution
    {
        private readonly List<string> _refused = [];

        public IReadOnlyList<string> Refused => _refused;

        public IEnumerable<string> CompileAssemblies => [];

        public IEnumerable<string> RuntimePaths => [];

        public IEnumerable<Dependency> Dependencies() => [];

        public void Prepare(IEnumerable<string> references)
        {
        }

        public IReadOnlyList<string> ResolveReference(string reference) => Refuse(reference) ? [] : throw Unavailable(reference);

        public string? ResolveScript(string reference) => Refuse(reference) ? null : throw Unavailable(reference);

        private bool Refuse(string reference)
        {
            if (allowed)
            {
                return false;
            }

            _refused.Add(reference.Trim());
            return true;
        }

        private ScriptPackageException Unavailable(string reference)
        {
            var named = reference.TrimStart()[Scheme.Length..].Trim();
            var comma = named.IndexOf(',', StringComparison.Ordinal);
            var id = comma < 0 ? named : named[..comma].Trim();
            var version = comma < 0 ? null : named[(comma + 1)..].Trim();
            return new ScriptPackageException(
                scriptPath,
                id,
                string.IsNullOrEmpty(version) ? null : version,
                ScriptPackageFailure.PackagesUnavailable,
                $"#r \"{reference.Trim()}\": this host ships no package references; reference RoslynBootsnap (or RoslynBootsnap.Packages) to resolve packages.");
        }
    }
}
