namespace RoslynBootsnap.Cli;

/// <summary>
/// One option of <c>run</c>, declared once in <see cref="RunOptions.All"/>: its name, whether it takes a value,
/// and what it does to the <see cref="RunSettings"/>. System.CommandLine's wiring (<see cref="CommandLineOptions"/>)
/// and the hand parse of the fast paths (<see cref="RunOptions.TryRead"/>) are both made from it, so the two
/// cannot disagree on what an option means.
/// </summary>
internal sealed class RunOption
{
    private readonly Func<RunSettings, string, RunSettings?> _apply;

    /// <summary>Declares an option.</summary>
    /// <param name="name">The option as typed, <c>--name</c>.</param>
    /// <param name="valueRule">
    /// For an option that takes a value, what the value must be, for the usage error ("an age such as 30d");
    /// <see langword="null"/> for a flag.
    /// </param>
    /// <param name="everyCommand">Whether every command takes it (the compile inputs), not <c>run</c> alone.</param>
    /// <param name="description">The help text.</param>
    /// <param name="apply">The settings with the option given; <see langword="null"/> when the value is not valid.</param>
    public RunOption(string name, string? valueRule, bool everyCommand, string description, Func<RunSettings, string, RunSettings?> apply)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(apply);
        Name = name;
        ValueRule = valueRule;
        EveryCommand = everyCommand;
        Description = description;
        _apply = apply;
    }

    /// <summary>The option as typed, <c>--name</c>.</summary>
    public string Name { get; }

    /// <summary>What a value must be, for the usage error; <see langword="null"/> for a flag.</summary>
    public string? ValueRule { get; }

    /// <summary>Whether the option takes a value; a flag takes none.</summary>
    public bool TakesValue => ValueRule is not null;

    /// <summary>Whether every command takes it, not <c>run</c> alone.</summary>
    public bool EveryCommand { get; }

    /// <summary>The help text.</summary>
    public string Description { get; }

    /// <summary>
    /// <paramref name="settings"/> with this option given <paramref name="value"/> (ignored for a flag);
    /// <see langword="null"/> when the value is not one the option takes.
    /// </summary>
    public RunSettings? Apply(RunSettings settings, string value)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(value);
        return _apply(settings, value);
    }
}
