namespace RoslynBootsnap;

/// <summary>
/// Checks option values where they are set, so that a mistake is an <see cref="ArgumentException"/> naming the
/// property at the line that made it, not a compile failure later. No compiler is involved: options are built on
/// every host's warm path.
/// </summary>
internal static class OptionsValidation
{
    /// <summary>A copy of a list whose entries are all non-blank and pass <paramref name="valid"/>.</summary>
    /// <exception cref="ArgumentNullException">The list is null.</exception>
    /// <exception cref="ArgumentException">An entry is null, blank or invalid.</exception>
    public static string[] Snapshot(IReadOnlyList<string> values, string property, Func<string, bool>? valid = null, string? expectation = null)
    {
        ArgumentNullException.ThrowIfNull(values, property);

        // A copy: the key fields are computed once per options object, so a list the caller still holds must not
        // be able to change an options object afterwards.
        var copy = new string[values.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            var value = values[i];
            if (string.IsNullOrWhiteSpace(value))
            {
                throw new ArgumentException($"{property}[{i}] is {(value is null ? "null" : "blank")}.", property);
            }

            if (valid is not null && !valid(value))
            {
                throw new ArgumentException($"{property}[{i}] '{value}' is not {expectation}.", property);
            }

            copy[i] = value;
        }

        return copy;
    }

    /// <summary>
    /// A language version as <c>-langversion</c> spells it: <c>default</c>, <c>latest</c>, <c>latestmajor</c>,
    /// <c>preview</c>, <c>iso-1</c>, <c>iso-2</c> or a number such as <c>12</c> or <c>7.3</c>. Whether the compiler
    /// knows that number is its to say, at compile time.
    /// </summary>
    /// <exception cref="ArgumentException">The value is none of those forms.</exception>
    public static string? LanguageVersion(string? value)
    {
        if (value is null || IsLanguageVersion(value))
        {
            return value;
        }

        throw new ArgumentException(
            $"LanguageVersion '{value}' is not a C# language version: use default, latest, latestmajor, preview or a number such as 12.",
            nameof(ScriptCacheOptions.LanguageVersion));
    }

    /// <summary>Whether a preprocessor symbol is an identifier, as <c>#define</c> needs.</summary>
    public static bool IsIdentifier(string symbol)
    {
        if (!(char.IsLetter(symbol[0]) || symbol[0] == '_'))
        {
            return false;
        }

        foreach (var c in symbol)
        {
            if (!(char.IsLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsLanguageVersion(string value)
    {
        switch (value.ToLowerInvariant())
        {
            case "default" or "latest" or "latestmajor" or "preview" or "iso-1" or "iso-2":
                return true;
        }

        var dot = value.IndexOf('.', StringComparison.Ordinal);
        var major = dot < 0 ? value : value[..dot];
        var minor = dot < 0 ? "0" : value[(dot + 1)..];
        return major.Length is >= 1 and <= 3 && minor.Length is >= 1 and <= 2 && IsDigits(major) && IsDigits(minor);
    }

    private static bool IsDigits(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
