using System.Reflection;
using System.Text.RegularExpressions;

namespace RoslynBootsnap.Tests.Documentation;

/// <summary>
/// README.md is the front door and docs/ holds one page per subject, so every relative link and every
/// <c>#anchor</c> between them must land: a moved section or a renamed heading fails here, not for a reader.
/// </summary>
public sealed partial class MarkdownLinkTests
{
    private static string RepositoryRoot => typeof(MarkdownLinkTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;

    private static IEnumerable<string> MarkdownFiles()
    {
        yield return Path.Combine(RepositoryRoot, "README.md");
        foreach (var page in Directory.GetFiles(Path.Combine(RepositoryRoot, "docs"), "*.md").Order(StringComparer.Ordinal))
        {
            yield return page;
        }

        foreach (var folder in new[] { "src", "samples" })
        {
            foreach (var readme in Directory.GetFiles(Path.Combine(RepositoryRoot, folder), "README.md", SearchOption.AllDirectories)
                .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal))
            {
                yield return readme;
            }
        }
    }

    [Test]
    public void Links_InReadmeAndDocs_NameExistingFilesAndAnchors()
    {
        var broken = new List<string>();
        foreach (var file in MarkdownFiles())
        {
            foreach (var (line, target) in LinksOf(file))
            {
                var hash = target.IndexOf('#', StringComparison.Ordinal);
                var pathPart = hash < 0 ? target : target[..hash];
                var anchor = hash < 0 ? null : target[(hash + 1)..];
                var targetFile = pathPart.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, pathPart));
                var where = $"{Path.GetRelativePath(RepositoryRoot, file)}:{line}: {target}";
                if (!File.Exists(targetFile) && !Directory.Exists(targetFile))
                {
                    broken.Add($"{where} (no such file)");
                }
                else if (anchor is not null && !AnchorsOf(targetFile).Contains(anchor))
                {
                    broken.Add($"{where} (no such heading)");
                }
            }
        }

        Assert.That(broken, Is.Empty);
    }

    [Test]
    public void Readme_NamesTheCommandContinuousIntegrationRuns()
    {
        var ci = File.ReadAllText(Path.Combine(RepositoryRoot, ".ci", "run"));
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot, "README.md"));

        Assert.That(ci, Does.Contain("\ndotnet test RoslynBootsnap.sln\n"));
        Assert.That(readme, Does.Contain("\ndotnet test RoslynBootsnap.sln\n"));
    }

    [Test]
    public void AnchorsOf_Headings_FollowGitHubRules()
    {
        using var temp = new Support.TempDirectory();
        var page = temp.Combine("page.md");
        File.WriteAllLines(page, [
            "# The command line",
            "## `roslyn-bootsnap run <script.csx> [-- args...]`",
            "```sh",
            "# not a heading",
            "```",
            "## Exit codes",
            "## Exit codes",
        ]);

        Assert.That(AnchorsOf(page), Is.EquivalentTo(new[]
        {
            "the-command-line", "roslyn-bootsnap-run-scriptcsx----args", "exit-codes", "exit-codes-1",
        }));
    }

    /// <summary>The relative link targets of a Markdown file outside code blocks, with their line numbers.</summary>
    private static IEnumerable<(int Line, string Target)> LinksOf(string file)
    {
        var inFence = false;
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            if (inFence)
            {
                continue;
            }

            foreach (Match match in LinkPattern().Matches(line))
            {
                var target = match.Groups[1].Value;
                if (!SchemePattern().IsMatch(target))
                {
                    yield return (number, target);
                }
            }
        }
    }

    /// <summary>The anchors GitHub gives a file's headings: lowercase, punctuation dropped, spaces to '-', repeats numbered.</summary>
    private static HashSet<string> AnchorsOf(string file)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        var inFence = false;
        foreach (var line in File.ReadLines(file))
        {
            if (line.StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
                continue;
            }

            var heading = inFence ? Match.Empty : HeadingPattern().Match(line);
            if (!heading.Success)
            {
                continue;
            }

            var slug = PunctuationPattern().Replace(heading.Groups[1].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-');
            var count = seen.GetValueOrDefault(slug);
            seen[slug] = count + 1;
            anchors.Add(count == 0 ? slug : $"{slug}-{count}");
        }

        return anchors;
    }

    [GeneratedRegex(@"\[[^\]]*\]\(([^)\s]+)\)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)]
    private static partial Regex SchemePattern();

    [GeneratedRegex(@"^#{1,6} (.*)$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"[^\w\- ]")]
    private static partial Regex PunctuationPattern();
}
