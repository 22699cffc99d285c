using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace RoslynBootsnap.Tests.Architecture;

/// <summary>
/// Reads an assembly's IL, without loading it, and finds every method that constructs a given type with
/// <c>newobj</c>: the type itself, or any instance of it when it is generic.
/// </summary>
internal static class ConstructionFinder
{
    /// <summary>
    /// Each construction as <c>Type.Method</c>, outside the types <paramref name="allowed"/> names (full names;
    /// their nested types, such as lambdas' closures, count as them).
    /// </summary>
    /// <param name="assemblyPath">The assembly to read.</param>
    /// <param name="typeName">The constructed type's full name, with its arity: <c>Namespace.Name`1</c>.</param>
    /// <param name="allowed">The types that may construct it.</param>
    public static IReadOnlyList<string> Find(string assemblyPath, string typeName, IReadOnlyCollection<string> allowed)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return [.. MethodIl.MemberUses(pe, allowed)
            .Where(u => u.OpCode == OpCodes.Newobj && ConstructedType(reader, u.Member) == typeName)
            .Select(u => u.Method)
            .Distinct()];
    }

    /// <summary>The full name of the type whose constructor <paramref name="handle"/> names.</summary>
    private static string? ConstructedType(MetadataReader reader, EntityHandle handle) => handle.Kind switch
    {
        HandleKind.MethodDefinition => MethodIl.FullName(reader, reader.GetMethodDefinition((MethodDefinitionHandle)handle).GetDeclaringType()),
        HandleKind.MemberReference => TypeName(reader, reader.GetMemberReference((MemberReferenceHandle)handle).Parent),
        _ => null,
    };

    private static string? TypeName(MetadataReader reader, EntityHandle type)
    {
        switch (type.Kind)
        {
            case HandleKind.TypeDefinition:
                return MethodIl.FullName(reader, (TypeDefinitionHandle)type);
            case HandleKind.TypeReference:
                var reference = reader.GetTypeReference((TypeReferenceHandle)type);
                return $"{reader.GetString(reference.Namespace)}.{reader.GetString(reference.Name)}";
            case HandleKind.TypeSpecification:
                // A generic instance: GENERICINST, CLASS or VALUETYPE, then the generic type itself.
                var blob = reader.GetBlobReader(reader.GetTypeSpecification((TypeSpecificationHandle)type).Signature);
                if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
                {
                    return null;
                }

                blob.ReadSignatureTypeCode();
                return TypeName(reader, blob.ReadTypeHandle());
            default:
                return null;
        }
    }
}
