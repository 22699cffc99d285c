using System.Collections.ObjectModel;
using System.Globalization;
using System.CommandLine.Parsing;

namespace RoslynBootsnap.Cli;

/// <summary>Parses the human quantities maintenance options take: ages like <c>30d</c> and sizes like <c>500MB</c>.</summary>
internal static class Quantity
{
    private static readonly ReadOnlyCollection<(string Suffix, long Bytes)> SizeUnits = Array.AsReadOnly<(string Suffix, long Bytes)>(
    [
        ("KiB", 1L << 10), ("MiB", 1L << 20), ("GiB", 1L << 30), ("TiB", 1L << 40),
        ("KB", 1_000), ("MB", 1_000_000), ("GB", 1_000_000_000), ("TB", 1_000_000_000_000),
        ("K", 1L << 10), ("M", 1L << 20), ("G", 1L << 30), ("T", 1L << 40), ("B", 1),
    ]);

    private static readonly ReadOnlyCollection<(string Suffix, TimeSpan Unit)> AgeUnits = Array.AsReadOnly<(string Suffix, TimeSpan Unit)>(
    [
        ("s", TimeSpan.FromSeconds(1)), ("m", TimeSpan.FromMinutes(1)), ("h", TimeSpan.FromHours(1)),
        ("d", TimeSpan.FromDays(1)), ("w", TimeSpan.FromDays(7)),
    ]);

    /// <summary>
    /// The longest age or duration any option or variable takes: 100 years (36500d). Longer ones overflow the
    /// clock arithmetic they feed, and none means more than "never" does at this length.
    /// </summary>
    public static readonly TimeSpan MaximumAge = TimeSpan.FromDays(36_500);

    /// <summary>A size in bytes: a number with an optional unit (B, KB, MB, GB, TB, or KiB, MiB, GiB, TiB), at most <see cref="long.MaxValue"/> bytes.</summary>
    public static bool TryParseSize(string text, out long bytes)
    {
        bytes = 0;
        var (number, suffix) = Split(text);
        var unit = suffix.Length == 0 ? 1 : SizeUnits.FirstOrDefault(u => u.Suffix.Equals(suffix, StringComparison.OrdinalIgnoreCase)).Bytes;
        if (unit == 0
            || !decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value > (decimal)long.MaxValue / unit)
        {
            return false;
        }

        bytes = (long)(value * unit);
        return true;
    }

    /// <summary>An age: a whole number with a unit, s, m, h, d or w, at most <see cref="MaximumAge"/>.</summary>
    public static bool TryParseAge(string text, out TimeSpan age)
    {
        age = TimeSpan.Zero;
        var (number, suffix) = Split(text);
        var unit = AgeUnits.FirstOrDefault(u => u.Suffix.Equals(suffix, StringComparison.Ordinal)).Unit;
        if (unit == TimeSpan.Zero
            || !long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            || value > MaximumAge.Ticks / unit.Ticks)
        {
            return false;
        }

        age = TimeSpan.FromTicks(unit.Ticks * value);
        return true;
    }

    /// <summary>
    /// A duration in seconds, as the environment gives timeouts: a decimal number greater than 0 and at most
    /// <see cref="MaximumAge"/>. No exponent, infinity or NaN.
    /// </summary>
    public static bool TryParseSeconds(string text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (!decimal.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds)
            || seconds <= 0
            || seconds > (decimal)MaximumAge.TotalSeconds)
        {
            return false;
        }

        // Whole ticks; a positive amount under one tick rounds up to one, so it stays greater than zero.
        duration = TimeSpan.FromTicks(Math.Max(1, (long)(seconds * TimeSpan.TicksPerSecond)));
        return true;
    }

    public static long? ParseSizeOption(ArgumentResult result)
    {
        if (result.Tokens is [var token] && TryParseSize(token.Value, out var bytes))
        {
            return bytes;
        }

        result.AddError($"{result.Argument.Name} takes a size such as 500MB, 2GiB or 1048576, at most {long.MaxValue} bytes{Given(result)}.");
        return null;
    }

    public static TimeSpan? ParseAgeOption(ArgumentResult result)
    {
        if (result.Tokens is [var token] && TryParseAge(token.Value, out var age))
        {
            return age;
        }

        result.AddError($"{result.Argument.Name} takes an age such as 30d, 12h or 2w, at most {MaximumAge.Days}d{Given(result)}.");
        return null;
    }

    /// <summary>The value the parse was given, for its error message.</summary>
    private static string Given(ArgumentResult result) =>
        result.Tokens is [var token] ? $", not '{token.Value}'" : string.Empty;

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
