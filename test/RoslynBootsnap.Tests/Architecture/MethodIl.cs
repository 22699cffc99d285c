using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace RoslynBootsnap.Tests.Architecture;

/// <summary>Walks an assembly's IL without loading it: each method with a body, and the member each instruction names.</summary>
internal static class MethodIl
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields()
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>
    /// Each method with a body as <c>Type.Method</c>, with the instructions that name a member (calls, <c>newobj</c>,
    /// <c>ldftn</c>, tokens), outside the types <paramref name="skipped"/> names (full names; their nested types,
    /// such as lambdas' closures, count as them).
    /// </summary>
    public static IEnumerable<(string Method, OpCode OpCode, EntityHandle Member)> MemberUses(
        PEReader pe, IReadOnlyCollection<string> skipped)
    {
        var reader = pe.GetMetadataReader();
        foreach (var handle in reader.TypeDefinitions)
        {
            if (skipped.Contains(OutermostName(reader, handle)))
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
                foreach (var (opCode, member) in Members(pe.GetMethodBody(method.RelativeVirtualAddress)))
                {
                    yield return (where, opCode, member);
                }
            }
        }
    }

    /// <summary>The full name of a type definition, nested types after a <c>+</c>.</summary>
    public static string FullName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        var name = reader.GetString(type.Name);
        return declaring.IsNil ? $"{reader.GetString(type.Namespace)}.{name}" : $"{FullName(reader, declaring)}+{name}";
    }

    private static IEnumerable<(OpCode OpCode, EntityHandle Member)> Members(MethodBodyBlock body)
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
                    yield return (opCode, MetadataTokens.EntityHandle(il.ReadInt32()));
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

    private static string OutermostName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var declaring = reader.GetTypeDefinition(handle).GetDeclaringType();
        return declaring.IsNil ? FullName(reader, handle) : OutermostName(reader, declaring);
    }
}
