using System.Reflection;
using System.Runtime.Loader;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Server;

/// <summary>
/// A compile request: the script and every option that decides its entry, resolved as the client sees them
/// (its cache dir, its environment's trusted owners, its current directory), so that the server computes the
/// same entry the client then reads.
/// </summary>
internal static class CompileRequest
{
    /// <summary>Writes the options part of a request: everything but the script.</summary>
    public static void WriteOptions(BinaryWriter writer, ScriptCacheOptions options, string cacheDirectory)
    {
        writer.Write(Path.GetFullPath(cacheDirectory));
        WriteList(writer, [.. options.References.Select(r => KernelPath.GetFullPath(r))]);
        WriteList(writer, options.Imports);
        WriteType(writer, options.GlobalsType);
        WriteType(writer, options.ReturnType);
        writer.Write(options.LanguageVersion ?? string.Empty);
        writer.Write(options.Optimize);
        writer.Write(options.AllowUnsafe);
        WriteList(writer, options.PreprocessorSymbols);
        writer.Write((int)options.Trust.Validation);
        writer.Write(options.SchemaVersion);
        writer.Write(options.Trust.Owners is { } owners
            ? string.Join(',', owners)
            : ScriptEnvironment.TrustedOwners ?? string.Empty);

        // The fleet settings as the client resolves them, so the server keys the entry under the same base and
        // shares its compile through the same remote tier.
        // Every path is made full here, as the kernel resolves it for this process: the server runs in "/",
        // where a relative path names another file.
        writer.Write(ScriptCache.BaseDirectoryFor(options) is { } baseDirectory ? KernelPath.GetFullPath(baseDirectory) : string.Empty);
        writer.Write(ScriptCache.RemoteFor(options) ?? string.Empty);
        var (key, keyFile) = RemoteKeySource(options);
        WriteOptional(writer, key);
        WriteOptional(writer, keyFile is null ? null : KernelPath.GetFullPath(keyFile));
        writer.Write(options.Fleet.RemoteReadOnly ?? ScriptEnvironment.RemoteReadOnly);
        writer.Write(options.Packages.Enabled);
        writer.Write(options.Packages.RefreshInterval?.Ticks ?? -1);
    }

    /// <summary>Reads what <see cref="WriteOptions"/> wrote, as options for the server's own cache.</summary>
    /// <exception cref="InvalidDataException">A type cannot be found, or the request is malformed.</exception>
    public static ScriptCacheOptions ReadOptions(BinaryReader reader, Action<CacheEvent> onEvent, Action<IReadOnlyList<ScriptDiagnostic>> onWarnings)
    {
        // One statement per field, in the order WriteOptions writes them.
        var options = new ScriptCacheOptions
        {
            CacheDirectory = reader.ReadString(),
            References = ReadList(reader),
            Imports = ReadList(reader),
            GlobalsType = ReadType(reader),
            ReturnType = ReadType(reader) ?? typeof(object),
            LanguageVersion = reader.ReadString() is { Length: > 0 } version ? version : null,
            Optimize = reader.ReadBoolean(),
            AllowUnsafe = reader.ReadBoolean(),
            PreprocessorSymbols = ReadList(reader),
            Mode = CacheMode.ReadWrite,
            OnEvent = onEvent,
            OnCompilerWarnings = onWarnings,
        };
        options.Trust.Validation = (ValidationMode)reader.ReadInt32();
        options.SchemaVersion = reader.ReadUInt32();
        options.Trust.Owners = ParseOwners(reader.ReadString());
        options.Fleet.BaseDirectory = Blank(reader.ReadString());
        options.Fleet.Remote = Blank(reader.ReadString());
        options.Fleet.RemoteKey = ReadOptional(reader);
        options.Fleet.RemoteKeyFile = ReadOptional(reader);
        options.Fleet.RemoteReadOnly = reader.ReadBoolean();
        options.Packages.Enabled = reader.ReadBoolean();
        options.Packages.RefreshInterval = reader.ReadInt64() is var ticks and >= 0 ? TimeSpan.FromTicks(ticks) : null;
        return options;
    }

    private static string? Blank(string value) => value.Length == 0 ? null : value;

    /// <summary>A string that may be absent, kept apart from an empty one: an empty key is a key (too short), not none.</summary>
    private static void WriteOptional(BinaryWriter writer, string? value)
    {
        writer.Write(value is not null);
        if (value is not null)
        {
            writer.Write(value);
        }
    }

    private static string? ReadOptional(BinaryReader reader) => reader.ReadBoolean() ? reader.ReadString() : null;

    /// <summary>
    /// The signing key or key file the client's own cache would use, in its order (options before the
    /// environment, a key before a file), so that the server, which sees only options, picks the same one.
    /// </summary>
    private static (string? Key, string? KeyFile) RemoteKeySource(ScriptCacheOptions options)
    {
        static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

        var optionsFile = NonBlank(options.Fleet.RemoteKeyFile);
        if (options.Fleet.RemoteKey is not null || optionsFile is not null)
        {
            // Both options go as given: the server weighs them as the client does.
            return (options.Fleet.RemoteKey, optionsFile);
        }

        return NonBlank(ScriptEnvironment.RemoteKey) is { } key
            ? (key, null)
            : (null, NonBlank(ScriptEnvironment.RemoteKeyFile));
    }

    private static int[] ParseOwners(string value)
    {
        var owners = new List<int>();
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var owner))
            {
                // A malformed list trusts nobody else, as the client's own cache judges it.
                return [];
            }

            owners.Add(owner);
        }

        return [.. owners];
    }

    private static void WriteList(BinaryWriter writer, IReadOnlyList<string> values)
    {
        writer.Write(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    private static string[] ReadList(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        if (count is < 0 or > 65536)
        {
            throw new InvalidDataException($"A list of {count} items.");
        }

        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = reader.ReadString();
        }

        return values;
    }

    private static void WriteType(BinaryWriter writer, Type? type)
    {
        writer.Write(type?.AssemblyQualifiedName ?? string.Empty);
        writer.Write(type?.Assembly.Location ?? string.Empty);
    }

    private static Type? ReadType(BinaryReader reader)
    {
        var name = reader.ReadString();
        var location = reader.ReadString();
        if (name.Length == 0)
        {
            return null;
        }

        var type = Type.GetType(name, throwOnError: false);
        if (type is null && location.Length > 0 && File.Exists(location))
        {
            var assembly = LoadAssembly(location);
            var comma = name.IndexOf(", ", StringComparison.Ordinal);
            type = assembly.GetType(comma < 0 ? name : name[..comma], throwOnError: false);
        }

        return type ?? throw new InvalidDataException($"The type '{name}' cannot be found in the server.");
    }

    private static Assembly LoadAssembly(string location)
    {
        var name = AssemblyName.GetAssemblyName(location);
        return AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => AssemblyName.ReferenceMatchesDefinition(name, a.GetName()) && a.GetName().Version == name.Version)
            ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(location);
    }
}
