using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Tests.Platform;

public sealed class OwnerTrustTests
{
    private const uint CurrentUser = 1000;

    [Test]
    public void Parse_CommaSeparatedIds_TrustsEach()
    {
        var trust = OwnerTrust.Parse(" 1001, 1002 ,");

        Assert.That(trust.Owners, Is.EqualTo(new uint[] { 1001, 1002 }));
        Assert.That(trust.Ignored, Is.Null);
        Assert.That(trust.Trusts(1002, CurrentUser), Is.True);
        Assert.That(trust.Trusts(1003, CurrentUser), Is.False);
    }

    [TestCase("1001,builder")]
    [TestCase("-1")]
    [TestCase("1001;1002")]
    [TestCase("4294967295")]
    public void Parse_Malformed_IgnoredAsAWholeWithReason(string value)
    {
        var trust = OwnerTrust.Parse(value);

        Assert.That(trust.Owners, Is.Empty);
        Assert.That(trust.Ignored, Does.StartWith($"{ScriptCache.TrustedOwnersVariable}='{value}' was ignored: ").And.EndWith("is not a user id"));
        Assert.That(trust.Trusts(1001, CurrentUser), Is.False);
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("  ")]
    public void Parse_Unset_None(string? value) => Assert.That(OwnerTrust.Parse(value), Is.SameAs(OwnerTrust.None));

    [Test]
    public void Trusts_CurrentUserAndRoot_AlwaysTrusted()
    {
        Assert.That(OwnerTrust.None.Trusts(CurrentUser, CurrentUser), Is.True);
        Assert.That(OwnerTrust.None.Trusts(0, CurrentUser), Is.True);
        Assert.That(OwnerTrust.None.Trusts(1001, CurrentUser), Is.False);
    }

    [Test]
    public void Problem_IgnoredValue_NamedInOwnerReason()
    {
        var problem = TrustProblem.Owner(1001, OwnerTrust.Parse("1001,x"));

        Assert.That(problem.Step, Is.EqualTo("untrusted-owner"));
        Assert.That(problem.Reason, Does.Contain("owned by user 1001").And.Contain("'x' is not a user id"));
    }
}
