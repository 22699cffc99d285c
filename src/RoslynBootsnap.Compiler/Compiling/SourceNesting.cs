using System.Globalization;
using Microsoft.CodeAnalysis.Text;

namespace RoslynBootsnap.Compiling;

/// <summary>
/// Refuses a script whose brackets nest deeper than <see cref="Maximum"/> before the compiler sees it. Roslyn's
/// look-ahead for lambdas and tuples rescans the rest of a parenthesised run at every level, so its time grows with
/// the square of the depth (20,000 levels take most of a minute), and its stack with the depth. No script written
/// by hand comes near the bound; the compile thread's stack (<see cref="LargeStack"/>) has room for it many times over.
/// </summary>
internal static class SourceNesting
{
    /// <summary>The deepest nesting of <c>(</c>, <c>[</c> and <c>{</c> a script may have.</summary>
    public const int Maximum = 5000;

    /// <summary>The diagnostic id of the refusal.</summary>
    public const string DiagnosticId = "RBS0003";

    /// <exception cref="ScriptCompilationException">The brackets nest deeper than <see cref="Maximum"/>.</exception>
    public static void Check(SourceText text, string path)
    {
        var deepest = DeepestOpening(text);
        if (deepest < 0)
        {
            return;
        }

        var at = text.Lines.GetLinePosition(deepest);
        throw new ScriptCompilationException(path, [new ScriptDiagnostic(
            DiagnosticId,
            ScriptDiagnosticSeverity.Error,
            string.Create(CultureInfo.InvariantCulture, $"Brackets nest more than {Maximum} deep; the script is too deeply nested to compile"),
            path,
            at.Line + 1,
            at.Character + 1,
            at.Line + 1,
            at.Character + 2)]);
    }

    /// <summary>
    /// The position of the first bracket that opens one level past <see cref="Maximum"/>, or -1. Comments and
    /// string and character literals are skipped roughly (an interpolation's holes count as text): a bracket there
    /// is not code, and only a run of thousands of them could matter.
    /// </summary>
    private static int DeepestOpening(SourceText text)
    {
        var depth = 0;
        var length = text.Length;
        for (var i = 0; i < length; i++)
        {
            switch (text[i])
            {
                case '(' or '[' or '{':
                    if (++depth > Maximum)
                    {
                        return i;
                    }

                    break;
                case ')' or ']' or '}':
                    depth = Math.Max(0, depth - 1);
                    break;
                case '/' when i + 1 < length && text[i + 1] == '/':
                    while (i < length && text[i] != '\n')
                    {
                        i++;
                    }

                    break;
                case '/' when i + 1 < length && text[i + 1] == '*':
                    i += 2;
                    while (i + 1 < length && !(text[i] == '*' && text[i + 1] == '/'))
                    {
                        i++;
                    }

                    i++;
                    break;
                case '"' or '\'':
                    i = SkipLiteral(text, i);
                    break;
            }
        }

        return -1;
    }

    /// <summary>The position of the last character of the literal opening at <paramref name="start"/>.</summary>
    private static int SkipLiteral(SourceText text, int start)
    {
        var quote = text[start];
        var length = text.Length;
        var verbatim = quote == '"' && start > 0 && (text[start - 1] == '@' || (start > 1 && text[start - 1] == '$' && text[start - 2] == '@'));
        var quotes = 1;
        while (quote == '"' && start + quotes < length && text[start + quotes] == '"')
        {
            quotes++;
        }

        if (quotes >= 3)
        {
            // A raw string literal ends at a run of as many quotes as opened it.
            for (var i = start + quotes; i < length; i++)
            {
                var run = 0;
                while (i + run < length && text[i + run] == '"')
                {
                    run++;
                }

                if (run >= quotes)
                {
                    return i + run - 1;
                }

                i += run;
            }

            return length - 1;
        }

        if (quotes == 2)
        {
            // The empty string "".
            return start + 1;
        }

        for (var i = start + 1; i < length; i++)
        {
            var c = text[i];
            if (c == '\\' && !verbatim)
            {
                i++;
            }
            else if (c == quote)
            {
                if (verbatim && i + 1 < length && text[i + 1] == '"')
                {
                    i++;
                    continue;
                }

                return i;
            }
            else if (c == '\n' && !verbatim)
            {
                return i;
            }
        }

        return length - 1;
    }
}
