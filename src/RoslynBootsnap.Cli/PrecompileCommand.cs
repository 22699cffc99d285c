using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace RoslynBootsnap.Cli;

/// <summary><c>roslyn-bootsnap precompile &lt;files or dirs&gt;... [--jobs N] [--exclude GLOB]</c>.</summary>
internal static class PrecompileCommand
{
    public static Command Create(CommandLineOptions options)
    {
        var targets = new Argument<string[]>("paths")
        {
            Description = "Scripts, or directories to search for **/*.csx (hidden folders, bin/ and obj/ are skipped).",
            Arity = ArgumentArity.OneOrMore,
        };
        targets.Validators.Add(result =>
        {
            // A script on standard input has no file, so no entry to bring up to date.
            if (result.Tokens.FirstOrDefault(t => ScriptRunner.IsStandardInput(t.Value)) is { } stdin)
            {
                result.AddError($"precompile takes files and directories; '{stdin.Value}' (standard input) has no cache entry to bring up to date.");
            }
        });
        var jobs = new Option<int>("--jobs", "-j")
        {
            Description = "How many scripts to compile at once.",
            DefaultValueFactory = _ => Environment.ProcessorCount,
            CustomParser = ParseJobs,
        };
        var excludes = new Option<string[]>("--exclude")
        {
            Description = "A glob, relative to each directory given, of scripts to skip (repeatable), e.g. 'drafts/**' or '**/*.test.csx'.",
            Arity = ArgumentArity.ZeroOrMore,
        };

        var command = new Command("precompile", "Bring the cache entries of scripts up to date without running them.")
        {
            targets, jobs, excludes,
        };
        command.SetAction((result, cancellationToken) => Task.FromResult(Execute(
            result.GetRequiredValue(targets),
            result.GetValue(excludes) ?? [],
            result.GetValue(jobs),
            options.Read(result),
            cancellationToken)));
        return command;
    }

    private static int ParseJobs(ArgumentResult result)
    {
        if (result.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var jobs) && jobs >= 1)
        {
            return jobs;
        }

        result.AddError("--jobs takes a whole number of at least 1.");
        return 0;
    }

    private static int Execute(string[] targets, string[] excludes, int jobs, RunSettings settings, CancellationToken cancellationToken)
    {
        var search = ScriptFinder.Find(targets, excludes);
        foreach (var exclude in search.UnmatchedExcludes)
        {
            Console.Error.WriteLine($"roslyn-bootsnap: --exclude '{exclude}' matched no script{(exclude.Contains('[', StringComparison.Ordinal) ? " (globs take * and **; [...] is not supported)" : string.Empty)}");
        }

        var options = CliScriptOptions.Create(settings);
        var loadTargets = LoadDirectives.TargetsOf(search.Scripts);
        var reporter = new PrecompileReporter(Console.Out, interactive: !Console.IsOutputRedirected, search.Scripts.Count);
        var results = Precompiler.Run(search.Scripts, options, jobs, r => reporter.Report(LoadDirectives.Reclassify(r, loadTargets)), cancellationToken)
            .Select(r => LoadDirectives.Reclassify(r, loadTargets))
            .ToList();
        reporter.Finish();

        foreach (var target in search.Missing)
        {
            Console.Error.WriteLine($"roslyn-bootsnap: no such file or directory: '{target}'");
        }

        foreach (var failure in results.Where(r => r.Outcome == PrecompileOutcome.Failed))
        {
            Console.Error.WriteLine(failure.Details);
        }

        var compiled = results.Count(r => r.Outcome == PrecompileOutcome.Compiled);
        var upToDate = results.Count(r => r.Outcome == PrecompileOutcome.UpToDate);
        var failed = results.Count(r => r.Outcome == PrecompileOutcome.Failed);
        var loadOnly = results.Count(r => r.Outcome == PrecompileOutcome.LoadOnly);
        Console.Out.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{results.Count} {(results.Count == 1 ? "script" : "scripts")}: {compiled} compiled, {upToDate} up to date, {failed} failed{(loadOnly > 0 ? $", {loadOnly} #load only" : string.Empty)}"));
        return failed > 0 || search.Missing.Count > 0 ? ExitCodes.Failure : ExitCodes.Success;
    }
}
