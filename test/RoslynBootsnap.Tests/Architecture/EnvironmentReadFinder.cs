using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace RoslynBootsnap.Tests.Architecture;

/// <summary>
/// Reads an assembly's IL, without loading it, and finds every method that calls, or makes a delegate of,
/// <see cref="Environment.GetEnvironmentVariable(string)"/> or <see cref="Environment.GetEnvironmentVariables()"/>
/// in any overload.
/// </summary>
internal static class EnvironmentReadFinder
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields()
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

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
        var found = new List<string>();
        foreach (var handle in reader.TypeDefinitions)
        {
            if (allowed.Contains(OutermostName(reader, handle)))
            {
                continue;
            }

            var type = reader.GetTypeDefinition(handle);
            foreach (var methodHandle in type.GetMethods())
            {
                var method = reader.GetMethodDefinition(methodHandle);
                if (method.RelativeVirtualAddress == 0)
                {
                    continue;
                }

                var where = $"{FullName(reader, handle)}.{reader.GetString(method.Name)}";
                found.AddRange(Reads(reader, pe.GetMethodBody(method.RelativeVirtualAddress)).Distinct().Select(r => $"{where}: Environment.{r}"));
            }
        }

        return found;
    }

    private static IEnumerable<string> Reads(MetadataReader reader, MethodBodyBlock body)
    {
        var il = body.GetILReader();
        while (il.RemainingBytes > 0)
        {
            var value = (short)il.ReadByte();
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il.ReadByte());
            }

            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineTok:
                    if (ReaderNamed(reader, MetadataTokens.EntityHandle(il.ReadInt32())) is { } name)
                    {
                        yield return name;
                    }

                    break;
                case OperandType.InlineSwitch:
                    // The count first, then the targets: "Offset += 4 * ReadInt32()" would read Offset before the count.
                    var targets = il.ReadInt32();
                    il.Offset += 4 * targets;
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    il.Offset += 1;
                    break;
                case OperandType.InlineVar:
                    il.Offset += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    il.Offset += 8;
                    break;
                default:
                    il.Offset += 4;
                    break;
            }
        }
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

    private static string OutermostName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var declaring = reader.GetTypeDefinition(handle).GetDeclaringType();
        return declaring.IsNil ? FullName(reader, handle) : OutermostName(reader, declaring);
    }

    private static string FullName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        var name = reader.GetString(type.Name);
        return declaring.IsNil ? $"{reader.GetString(type.Namespace)}.{name}" : $"{FullName(reader, declaring)}+{name}";
    }
}
