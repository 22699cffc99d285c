namespace RoslynBootsnap.Cli;

/// <summary>An environment variable the command reads holds a value it does not take: a usage error, exit 2.</summary>
internal sealed class EnvironmentValueException : ArgumentException
{
    public EnvironmentValueException(string variable, string value, string expected)
        : base($"{variable} takes {expected}, not '{value}'.")
    {
        Variable = variable;
        Value = value;
    }

    /// <summary>The variable's name.</summary>
    public string Variable { get; }

    /// <summary>The value it holds.</summary>
    public string Value { get; }
}
