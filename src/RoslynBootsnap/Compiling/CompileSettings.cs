namespace RoslynBootsnap.Compiling;

/// <summary>
/// Every compile input other than the source, resolved from <see cref="ScriptCacheOptions"/>: full
/// reference paths and the complete import list. Holds no Roslyn types, so building it is free on a hit.
/// </summary>
internal sealed class CompileSettings
{
    /// <summary>The .NET SDK's implicit usings for console apps together with dotnet-script's defaults.</summary>
    public static IReadOnlyList<string> DefaultImports { get; } =
    [
        "System",
        "System.Collections.Generic",
        "System.Diagnostics",
        "System.Dynamic",
        "System.IO",
        "System.Linq",
        "System.Linq.Expressions",
        "System.Net.Http",
        "System.Text",
        "System.Threading",
        "System.Threading.Tasks",
        "System.Console",
    ];

    public CompileSettings(ScriptCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        References = [.. options.References.Select(Path.GetFullPath)];
        Imports = [.. DefaultImports.Concat(options.Imports).Distinct(StringComparer.Ordinal)];
        GlobalsType = options.GlobalsType;
        ReturnType = options.ReturnType ?? typeof(object);
        LanguageVersion = options.LanguageVersion;
        Optimize = options.Optimize;
        AllowUnsafe = options.AllowUnsafe;
        PreprocessorSymbols = [.. options.PreprocessorSymbols];
    }

    public IReadOnlyList<string> References { get; }

    public IReadOnlyList<string> Imports { get; }

    public Type? GlobalsType { get; }

    public Type ReturnType { get; }

    public string? LanguageVersion { get; }

    public bool Optimize { get; }

    public bool AllowUnsafe { get; }

    public IReadOnlyList<string> PreprocessorSymbols { get; }
}
