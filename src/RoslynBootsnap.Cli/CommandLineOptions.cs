using System.CommandLine;

namespace RoslynBootsnap.Cli;

/// <summary>
/// <see cref="RunOptions.All"/> as System.CommandLine options of one root command: the options every command
/// takes on the root (recursive), the rest on <c>run</c>. Made anew with each root command, so no parser state
/// outlives or is shared between parses; the values are read back through the same table's
/// <see cref="RunOption.Apply"/> that the fast paths use.
/// </summary>
internal sealed class CommandLineOptions
{
    private readonly List<(RunOption Declaration, Option Option)> _options;

    /// <summary>Makes one System.CommandLine option per declared option.</summary>
    public CommandLineOptions()
    {
        _options = [.. RunOptions.All.Select(d => (d, Create(d)))];
    }

    /// <summary>The options every command takes; they go on the root command, recursive.</summary>
    public IEnumerable<Option> EveryCommand => _options.Where(o => o.Declaration.EveryCommand).Select(o => o.Option);

    /// <summary>The options of <c>run</c> alone.</summary>
    public IEnumerable<Option> RunOnly => _options.Where(o => !o.Declaration.EveryCommand).Select(o => o.Option);

    /// <summary>What the parse's options said; an option of another command's parse reads as not given.</summary>
    public RunSettings Read(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var settings = RunSettings.None;
        foreach (var (declaration, option) in _options)
        {
            var value = option switch
            {
                Option<bool> flag => parsed.GetResult(flag) is not null && parsed.GetValue(flag) ? bool.TrueString : null,
                Option<string> valued => parsed.GetResult(valued) is { Implicit: false } ? parsed.GetValue(valued) : null,
                _ => null,
            };
            if (value is not null && declaration.Apply(settings, value) is { } applied)
            {
                settings = applied;
            }
        }

        return settings;
    }

    private static Option Create(RunOption declaration)
    {
        if (!declaration.TakesValue)
        {
            return new Option<bool>(declaration.Name) { Description = declaration.Description, Recursive = declaration.EveryCommand };
        }

        var option = new Option<string>(declaration.Name) { Description = declaration.Description, Recursive = declaration.EveryCommand };
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && declaration.Apply(RunSettings.None, token.Value) is null)
            {
                result.AddError($"{declaration.Name} takes {declaration.ValueRule}, not '{token.Value}'.");
            }
        });
        return option;
    }
}
