using System.Collections.Immutable;
using System.Reflection.Emit;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace RoslynBootsnap.Tests.Architecture;

/// <summary>
/// Reads an assembly's metadata and IL, without loading it, and finds every reference to a type from a
/// <c>Microsoft.CodeAnalysis*</c> assembly made by the types of some namespaces: in their base types,
/// interfaces, field, method, property and event signatures, locals, catch clauses, and each token their
/// method bodies use.
/// </summary>
internal sealed class RoslynReferenceFinder : ISignatureTypeProvider<string?, object?>
{
    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields()
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private readonly MetadataReader _reader;

    private RoslynReferenceFinder(MetadataReader reader)
    {
        _reader = reader;
    }

    /// <summary>Each reference as <c>Type.Member: Roslyn type</c>, for types in or under the namespaces.</summary>
    public static IReadOnlyList<string> Find(string assemblyPath, IReadOnlyCollection<string> namespaces)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var finder = new RoslynReferenceFinder(pe.GetMetadataReader());
        var found = new List<string>();
        foreach (var handle in finder._reader.TypeDefinitions)
        {
            var ns = finder.NamespaceOf(handle);
            if (namespaces.Any(n => ns == n || ns.StartsWith(n + ".", StringComparison.Ordinal)))
            {
                found.AddRange(finder.InType(handle, pe));
            }
        }

        return found;
    }

    private IEnumerable<string> InType(TypeDefinitionHandle handle, PEReader pe)
    {
        var type = _reader.GetTypeDefinition(handle);
        var name = FullName(handle);
        var uses = new List<(string Where, string? Roslyn)>
        {
            (name, type.BaseType.IsNil ? null : OfType(type.BaseType)),
        };
        uses.AddRange(type.GetInterfaceImplementations().Select(i => (name, OfType(_reader.GetInterfaceImplementation(i).Interface))));
        uses.AddRange(Constraints(type.GetGenericParameters()).Select(r => (name, r)));

        foreach (var fieldHandle in type.GetFields())
        {
            var field = _reader.GetFieldDefinition(fieldHandle);
            uses.Add(($"{name}.{_reader.GetString(field.Name)}", field.DecodeSignature(this, null)));
        }

        foreach (var propertyHandle in type.GetProperties())
        {
            var property = _reader.GetPropertyDefinition(propertyHandle);
            uses.AddRange(OfMethodSignature(property.DecodeSignature(this, null)).Select(r => ($"{name}.{_reader.GetString(property.Name)}", r)));
        }

        foreach (var eventHandle in type.GetEvents())
        {
            var @event = _reader.GetEventDefinition(eventHandle);
            uses.Add(($"{name}.{_reader.GetString(@event.Name)}", OfType(@event.Type)));
        }

        foreach (var methodHandle in type.GetMethods())
        {
            var method = _reader.GetMethodDefinition(methodHandle);
            var where = $"{name}.{_reader.GetString(method.Name)}";
            uses.AddRange(OfMethodSignature(method.DecodeSignature(this, null)).Select(r => (where, r)));
            uses.AddRange(Constraints(method.GetGenericParameters()).Select(r => (where, r)));
            if (method.RelativeVirtualAddress != 0)
            {
                uses.AddRange(InBody(pe.GetMethodBody(method.RelativeVirtualAddress)).Select(r => (where, r)));
            }
        }

        return uses.Where(u => u.Roslyn is not null).Select(u => $"{u.Where}: {u.Roslyn}").Distinct();
    }

    private IEnumerable<string?> InBody(MethodBodyBlock body)
    {
        if (!body.LocalSignature.IsNil)
        {
            var locals = _reader.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(this, null);
            foreach (var local in locals)
            {
                yield return local;
            }
        }

        foreach (var region in body.ExceptionRegions.Where(r => !r.CatchType.IsNil))
        {
            yield return OfType(region.CatchType);
        }

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
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineType or OperandType.InlineTok or OperandType.InlineSig:
                    foreach (var found in OfToken(MetadataTokens.EntityHandle(il.ReadInt32())))
                    {
                        yield return found;
                    }

                    break;
                case OperandType.InlineSwitch:
                    il.Offset += 4 * il.ReadInt32();
                    break;
                default:
                    il.Offset += OperandSize(opCode.OperandType);
                    break;
            }
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };

    /// <summary>What a token operand names: a type, or a member and the types its signature names.</summary>
    private IEnumerable<string?> OfToken(EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeReference or HandleKind.TypeDefinition or HandleKind.TypeSpecification:
                yield return OfType(handle);
                break;
            case HandleKind.MemberReference:
                var member = _reader.GetMemberReference((MemberReferenceHandle)handle);
                yield return member.Parent.Kind is HandleKind.TypeReference or HandleKind.TypeDefinition or HandleKind.TypeSpecification
                    ? OfType(member.Parent)
                    : null;
                if (member.GetKind() == MemberReferenceKind.Field)
                {
                    yield return member.DecodeFieldSignature(this, null);
                }
                else
                {
                    foreach (var found in OfMethodSignature(member.DecodeMethodSignature(this, null)))
                    {
                        yield return found;
                    }
                }

                break;
            case HandleKind.MethodDefinition:
                foreach (var found in OfMethodSignature(_reader.GetMethodDefinition((MethodDefinitionHandle)handle).DecodeSignature(this, null)))
                {
                    yield return found;
                }

                break;
            case HandleKind.FieldDefinition:
                yield return _reader.GetFieldDefinition((FieldDefinitionHandle)handle).DecodeSignature(this, null);
                break;
            case HandleKind.MethodSpecification:
                var specification = _reader.GetMethodSpecification((MethodSpecificationHandle)handle);
                foreach (var found in OfToken(specification.Method).Concat(specification.DecodeSignature(this, null)))
                {
                    yield return found;
                }

                break;
            case HandleKind.StandaloneSignature:
                foreach (var found in OfMethodSignature(_reader.GetStandaloneSignature((StandaloneSignatureHandle)handle).DecodeMethodSignature(this, null)))
                {
                    yield return found;
                }

                break;
        }
    }

    private static IEnumerable<string?> OfMethodSignature(MethodSignature<string?> signature) =>
        signature.ParameterTypes.Prepend(signature.ReturnType);

    private IEnumerable<string?> Constraints(GenericParameterHandleCollection parameters) =>
        parameters.SelectMany(p => _reader.GetGenericParameter(p).GetConstraints())
            .Select(c => OfType(_reader.GetGenericParameterConstraint(c).Type));

    private string? OfType(EntityHandle handle) => handle.Kind switch
    {
        HandleKind.TypeReference => GetTypeFromReference(_reader, (TypeReferenceHandle)handle, 0),
        HandleKind.TypeSpecification => GetTypeFromSpecification(_reader, null, (TypeSpecificationHandle)handle, 0),
        _ => null,
    };

    /// <summary>The assembly a referenced type comes from, following nested types out to their outermost one.</summary>
    private bool IsRoslyn(TypeReference reference) => reference.ResolutionScope.Kind switch
    {
        HandleKind.AssemblyReference => _reader.GetString(_reader.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope).Name)
            .StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal),
        HandleKind.TypeReference => IsRoslyn(_reader.GetTypeReference((TypeReferenceHandle)reference.ResolutionScope)),
        _ => false,
    };

    private string NamespaceOf(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        return declaring.IsNil ? _reader.GetString(type.Namespace) : NamespaceOf(declaring);
    }

    private string FullName(TypeDefinitionHandle handle)
    {
        var type = _reader.GetTypeDefinition(handle);
        var declaring = type.GetDeclaringType();
        var name = _reader.GetString(type.Name);
        return declaring.IsNil ? $"{_reader.GetString(type.Namespace)}.{name}" : $"{FullName(declaring)}+{name}";
    }

    private static string? First(IEnumerable<string?> found) => found.FirstOrDefault(f => f is not null);

    public string? GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var reference = reader.GetTypeReference(handle);
        return IsRoslyn(reference) ? $"{reader.GetString(reference.Namespace)}.{reader.GetString(reference.Name)}" : null;
    }

    public string? GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
        reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public string? GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) => null;

    public string? GetGenericInstantiation(string? genericType, ImmutableArray<string?> typeArguments) =>
        First(typeArguments.Prepend(genericType));

    public string? GetFunctionPointerType(MethodSignature<string?> signature) => First(OfMethodSignature(signature));

    public string? GetModifiedType(string? modifier, string? unmodifiedType, bool isRequired) => unmodifiedType ?? modifier;

    public string? GetArrayType(string? elementType, ArrayShape shape) => elementType;

    public string? GetSZArrayType(string? elementType) => elementType;

    public string? GetByReferenceType(string? elementType) => elementType;

    public string? GetPointerType(string? elementType) => elementType;

    public string? GetPinnedType(string? elementType) => elementType;

    public string? GetPrimitiveType(PrimitiveTypeCode typeCode) => null;

    public string? GetGenericMethodParameter(object? genericContext, int index) => null;

    public string? GetGenericTypeParameter(object? genericContext, int index) => null;
}
