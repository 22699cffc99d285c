using System.Text;
using RoslynBootsnap.Caching;

namespace RoslynBootsnap.Tests.Caching;

public sealed class Fnv1a64Tests
{
    // Published FNV-1a 64-bit test vectors (Landon Curt Noll's FNV test suite).
    [TestCase("", 0xcbf29ce484222325UL)]
    [TestCase("a", 0xaf63dc4c8601ec8cUL)]
    [TestCase("b", 0xaf63df4c8601f1a5UL)]
    [TestCase("foobar", 0x85944171f73967e8UL)]
    [TestCase("chongo was here!\n", 0x46810940eff5f915UL)]
    public void Hash_PublishedVectors_Match(string input, ulong expected) =>
        Assert.That(Fnv1a64.Hash(Encoding.ASCII.GetBytes(input)), Is.EqualTo(expected));
}
