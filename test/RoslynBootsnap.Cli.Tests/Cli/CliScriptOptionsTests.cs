using RoslynBootsnap.Cli;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

/// <summary>The command line's options, held to the options they set: each one that every command takes reaches a declared option.</summary>
public sealed class CliScriptOptionsTests
{
    [Test]
    public void Create_EachOptionEveryCommandTakes_SetsADeclaredOption()
    {
        var none = CliScriptOptions.Create(RunSettings.None);
        var options = RunOptions.All.Where(o => o.EveryCommand).ToList();
        Assert.That(options, Is.Not.Empty);

        Assert.Multiple(() =>
        {
            foreach (var option in options)
            {
                var settings = option.Apply(RunSettings.None, option.Name == "--refresh" ? "12h" : "/srv/app");
                Assert.That(settings, Is.Not.Null, option.Name);
                var set = CliScriptOptions.Create(settings!);

                var changed = OptionDeclarations.All().Where(d => !Same(d.Get(set), d.Get(none))).Select(d => d.Path).ToList();

                Assert.That(changed, Has.Count.EqualTo(1), $"{option.Name} sets one declared option");
            }
        });
    }

    private static bool Same(object? a, object? b) =>
        a is System.Collections.IEnumerable first and not string && b is System.Collections.IEnumerable second and not string
            ? first.Cast<object?>().SequenceEqual(second.Cast<object?>())
            : Equals(a, b);
}
