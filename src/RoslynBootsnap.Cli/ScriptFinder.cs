using System.Collections.ObjectModel;
using Microsoft.Extensions.FileSystemGlobbing;

namespace RoslynBootsnap.Cli;

/// <summary>
/// Expands <c>precompile</c>'s arguments into script paths: files as given, directories searched for
/// <c>**/*.csx</c> without descending into hidden folders, <c>bin/</c> or <c>obj/</c>, which hold copies
/// and build output rather than sources.
/// </summary>
internal static class ScriptFinder
{
    private static readonly ReadOnlyCollection<string> SkippedDirectoryNames = Array.AsReadOnly(["bin", "obj"]);

    /// <summary>Finds the scripts; exclude globs are relative to each directory argument.</summary>
    public static ScriptSearch Find(IEnumerable<string> targets, IReadOnlyList<string> excludes)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(excludes);
        var scripts = new SortedSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        var searchedDirectory = false;
        var matchedExcludes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            var fullPath = ScriptCache.GetFullPath(target);
            if (File.Exists(fullPath))
            {
                // A file named on the command line is wanted, whatever the globs say.
                scripts.Add(fullPath);
            }
            else if (Directory.Exists(fullPath))
            {
                searchedDirectory = true;
                scripts.UnionWith(Search(fullPath, excludes, matchedExcludes));
            }
            else
            {
                missing.Add(target);
            }
        }

        // Excludes only apply to directories; with none searched, none could match.
        var unmatched = searchedDirectory ? excludes.Where(e => !matchedExcludes.Contains(e)).Distinct(StringComparer.Ordinal).ToList() : [];
        return new ScriptSearch([.. scripts], missing) { UnmatchedExcludes = unmatched };
    }

    private static IEnumerable<string> Search(string root, IReadOnlyList<string> excludes, HashSet<string> matchedExcludes)
    {
        var candidates = new List<string>();
        Walk(root, candidates);
        if (excludes.Count == 0)
        {
            return candidates;
        }

        foreach (var exclude in excludes)
        {
            // Each glob on its own, so that one that leaves out nothing can be reported.
            if (KeptBy(root, candidates, [exclude]).Count() < candidates.Count)
            {
                matchedExcludes.Add(exclude);
            }
        }

        return KeptBy(root, candidates, excludes);
    }

    private static IEnumerable<string> KeptBy(string root, List<string> candidates, IEnumerable<string> excludes)
    {
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude("**/*");
        matcher.AddExcludePatterns(excludes);
        var kept = matcher.Match(root, candidates);
        return kept.Files.Select(f => Path.GetFullPath(Path.Combine(root, f.Path)));
    }

    private static void Walk(string directory, List<string> scripts)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = false, IgnoreInaccessible = true, AttributesToSkip = 0 };
        scripts.AddRange(Directory.EnumerateFiles(directory, "*.csx", options));
        foreach (var child in Directory.EnumerateDirectories(directory, "*", options))
        {
            if (!IsSkipped(new DirectoryInfo(child)))
            {
                Walk(child, scripts);
            }
        }
    }

    private static bool IsSkipped(DirectoryInfo directory) =>
        directory.Name.StartsWith('.')
        || directory.Attributes.HasFlag(FileAttributes.Hidden)
        || directory.LinkTarget is not null
        || SkippedDirectoryNames.Contains(directory.Name, StringComparer.OrdinalIgnoreCase);
}
