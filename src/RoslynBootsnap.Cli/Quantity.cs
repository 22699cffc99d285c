using System.Globalization;
using System.CommandLine.Parsing;

namespace RoslynBootsnap.Cli;

/// <summary>Parses the human quantities maintenance options take: ages like <c>30d</c> and sizes like <c>500MB</c>.</summary>
internal static class Quantity
{
    private static readonly (string Suffix, long Bytes)[] SizeUnits =
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40),
        ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("T", 1L << 40), ("B", 1),
    ];

    private static readonly (string Suffix, TimeSpan Unit)[] AgeUnits =
    [
        ("s", TimeSpan.FromSeconds(1)), ("m", TimeSpan.FromMinutes(1)), ("h", TimeSpan.FromHours(1)),
        ("d", TimeSpan.FromDays(1)), ("w", TimeSpan.FromDays(7)),
    ];

    /// <summary>A size in bytes: a whole number with an optional unit (B, KB, MB, GB, TB, or KiB, MiB, GiB, TiB).</summary>
    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var (number, suffix) = Split(text);
        var unit = suffix.Length == 0 ? 1 : SizeUnits.FirstOrDefault(u => u.Suffix.Equals(suffix, StringComparison.OrdinalIgnoreCase)).Bytes;
        if (unit == 0 || !double.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || value * unit > long.MaxValue)
        {
            return false;
        }

        bytes = (long)(value * unit);
        return true;
    }

    /// <summary>An age: a whole number with a unit, s, m, h, d or w.</summary>
    public static bool TryParseAge(string text, out TimeSpan age)
    {
        age = TimeSpan.Zero;
        var (number, suffix) = Split(text);
        var unit = AgeUnits.FirstOrDefault(u => u.Suffix.Equals(suffix, StringComparison.Ordinal)).Unit;
        if (unit == TimeSpan.Zero || !int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return false;
        }

        age = unit * value;
        return true;
    }

    public static long? ParseSizeOption(ArgumentResult result)
    {
        if (result.Tokens is [var token] && TryParseSize(token.Value, out var bytes))
        {
            return bytes;
        }

        result.AddError($"{result.Argument.Name} takes a size such as 500MB, 2GiB or 1048576.");
        return null;
    }

    public static TimeSpan? ParseAgeOption(ArgumentResult result)
    {
        if (result.Tokens is [var token] && TryParseAge(token.Value, out var age))
        {
            return age;
        }

        result.AddError($"{result.Argument.Name} takes an age such as 30d, 12h or 2w.");
        return null;
    }

    /// <summary>Bytes as people read them, in binary units.</summary>
    public static string FormatSize(long bytes) => bytes switch
    {
        < 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        < 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1073741824.0:0.00} GiB"),
    };

    private static (string Number, string Suffix) Split(string text)
    {
        var trimmed = text.Trim();
        var end = 0;
        while (end < trimmed.Length && (char.IsAsciiDigit(trimmed[end]) || trimmed[end] == '.'))
        {
            end++;
        }

        return (trimmed[..end], trimmed[end..].Trim());
    }
}
