using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RoslynBootsnap.Tests.Architecture;

/// <summary>
/// Reads an assembly's IL, without loading it, and finds every method that calls, or makes a delegate of,
/// <see cref="Environment.GetEnvironmentVariable(string)"/> or <see cref="Environment.GetEnvironmentVariables()"/>
/// in any overload.
/// </summary>
internal static class EnvironmentReadFinder
{
    private static readonly string[] Readers = [nameof(Environment.GetEnvironmentVariable), nameof(Environment.GetEnvironmentVariables)];

    /// <summary>
    /// Each read as <c>Type.Method: Environment.Reader</c>, outside the types <paramref name="allowed"/> names
    /// (full names; their nested types, such as lambdas' closures, count as them).
    /// </summary>
    public static IReadOnlyList<string> Find(string assemblyPath, IReadOnlyCollection<string> allowed)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return [.. MethodIl.MemberUses(pe, allowed)
            .Select(u => (u.Method, Reader: ReaderNamed(reader, u.Member)))
            .Where(u => u.Reader is not null)
            .Distinct()
            .Select(u => $"{u.Method}: Environment.{u.Reader}")];
    }

    /// <summary>The reader's name when the token is a member of <c>System.Environment</c> named like one.</summary>
    private static string? ReaderNamed(MetadataReader reader, EntityHandle handle)
    {
        if (handle.Kind == HandleKind.MethodSpecification)
        {
            handle = reader.GetMethodSpecification((MethodSpecificationHandle)handle).Method;
        }

        if (handle.Kind != HandleKind.MemberReference)
        {
            return null;
        }

        var member = reader.GetMemberReference((MemberReferenceHandle)handle);
        if (member.Parent.Kind != HandleKind.TypeReference)
        {
            return null;
        }

        var parent = reader.GetTypeReference((TypeReferenceHandle)member.Parent);
        var name = reader.GetString(member.Name);
        return reader.GetString(parent.Namespace) == "System" && reader.GetString(parent.Name) == "Environment" && Readers.Contains(name)
            ? name
            : null;
    }
}
