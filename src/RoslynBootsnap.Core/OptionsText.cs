using System.Reflection;
using System.Text;

namespace RoslynBootsnap;

/// <summary>
/// The members of an options record as its <c>ToString</c> prints them, secrets masked: options end up in logs,
/// and a signing key in a log is a key anyone who reads it can sign with.
/// </summary>
internal static class OptionsText
{
    public static bool PrintMembers(object options, StringBuilder builder)
    {
        var first = true;
        foreach (var property in options.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public))
        {
            if (property.GetIndexParameters().Length > 0)
            {
                continue;
            }

            builder.Append(first ? string.Empty : ", ").Append(property.Name).Append(" = ");
            first = false;
            var value = property.GetValue(options);
            var use = property.GetCustomAttribute<OptionAttribute>()?.Use ?? OptionUse.Local;
            builder.Append(value switch
            {
                null => "null",
                _ when use.HasFlag(OptionUse.Secret) => "***",
                string text when use.HasFlag(OptionUse.Connection) => text.Split(',')[0].Trim() + (text.Contains(',', StringComparison.Ordinal) ? ",***" : string.Empty),
                string text => text,
                System.Collections.IEnumerable list => "[" + string.Join(", ", list.Cast<object?>()) + "]",
                _ => value.ToString(),
            });
        }

        return !first;
    }
}
