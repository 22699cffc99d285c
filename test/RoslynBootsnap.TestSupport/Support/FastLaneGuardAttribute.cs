using NUnit.Framework.Interfaces;
using NUnit.Framework.Internal;

namespace RoslynBootsnap.Tests.Support;

/// <summary>
/// Keeps the fast lane (<c>--filter "TestCategory!=Process"</c>) honest: a test outside the
/// <see cref="Category"/> category fails when it starts a child process (a CLI or host run, a server, a restore or
/// pack, a mount, another user through setpriv), so the next such test cannot slip into the fast lane untagged.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly)]
internal sealed class FastLaneGuardAttribute : Attribute, ITestAction
{
    /// <summary>The category of the tests that start processes, servers or restores: the full lane only.</summary>
    public const string Category = "Process";

    // One instance serves the whole assembly; the tests run one at a time, so one snapshot is enough.
    private ChildProcessSnapshot? _before;

    /// <inheritdoc/>
    public ActionTargets Targets => ActionTargets.Test;

    /// <inheritdoc/>
    public void BeforeTest(ITest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        _before = ChildProcessSnapshot.IsSupported && !InProcessCategory(test) ? ChildProcessSnapshot.Take() : null;
    }

    /// <inheritdoc/>
    public void AfterTest(ITest test)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (_before is null)
        {
            return;
        }

        var why = _before.StartedSince(ChildProcessSnapshot.Take());
        _before = null;
        if (why is not null)
        {
            Assert.Fail($"{test.FullName} started a child process ({why}) but is not in the \"{Category}\" category: "
                + $"tag it [Category(\"{Category}\")] so that the fast lane leaves it out.");
        }
    }

    // The category may sit on the test, its parameterized method, its fixture or a containing suite.
    private static bool InProcessCategory(ITest test)
    {
        for (var node = test; node is not null; node = node.Parent)
        {
            if (node.Properties[PropertyNames.Category].Contains(Category))
            {
                return true;
            }
        }

        return false;
    }
}
