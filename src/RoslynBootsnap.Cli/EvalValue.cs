using System.Globalization;

namespace RoslynBootsnap.Cli;

/// <summary>
/// What <c>eval</c> does with the value of its code, as <c>node -p</c>: the value of a trailing expression (the last
/// statement written without its semicolon) is printed, and the code exits 0 unless it set
/// <see cref="Environment.ExitCode"/>. Code that ends in a statement keeps the rule of a script file: an <c>int</c>
/// it returns (<c>return 3;</c>) is the exit code.
/// </summary>
internal static class EvalValue
{
    /// <summary>Prints the value where the code ends in an expression, and answers the exit code.</summary>
    public static int Finish(string code, object? result, TextWriter output)
    {
        if (!EndsInExpression(code))
        {
            return ScriptExitCode.Of(result);
        }

        if (result is not null)
        {
            output.WriteLine(Convert.ToString(result, CultureInfo.InvariantCulture));
        }

        return Environment.ExitCode;
    }

    /// <summary>
    /// Whether the code's last statement is an expression without its semicolon: every statement a script can
    /// end in otherwise closes with <c>;</c> or <c>}</c>, and a directive line (<c>#r</c>) yields no value.
    /// </summary>
    internal static bool EndsInExpression(string code)
    {
        var trimmed = code.AsSpan().TrimEnd();
        return trimmed.Length > 0 && trimmed[^1] is not (';' or '}');
    }
}
