using System.Text;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Cli;

/// <summary>
/// Writes what <c>init</c> creates: an executable starter script with a <c>#!</c> line, and the editor files
/// dotnet-script's <c>init</c> writes, pointed at this command. A file that exists is never overwritten.
/// </summary>
internal static class ScriptScaffolder
{
    public const string DefaultScriptName = "main.csx";

    public const string StarterScript = """
        #!/usr/bin/env roslyn-bootsnap
        // Run it with ./{0} or roslyn-bootsnap {0}; the arguments after the path are Args.
        WriteLine("Hello world!");

        """;

    // The editor's C# language server reads scripts' settings from here, as for dotnet-script.
    private const string OmniSharpJson = """
        {
          "script": {
            "enableScriptNuGetReferences": true,
            "defaultTargetFramework": "net10.0"
          }
        }

        """;

    // Debugs the open script through the globally installed tool.
    private const string LaunchJson = """
        {
          "version": "0.2.0",
          "configurations": [
            {
              "name": "roslyn-bootsnap: debug script",
              "type": "coreclr",
              "request": "launch",
              "program": "${env:HOME}/.dotnet/tools/roslyn-bootsnap",
              "args": ["--no-cache", "${file}"],
              "windows": { "program": "${env:USERPROFILE}/.dotnet/tools/roslyn-bootsnap.exe" },
              "cwd": "${workspaceFolder}",
              "stopAtEntry": false
            }
          ]
        }

        """;

    // A #! line cannot be followed by a byte order mark's bytes on Linux, so no BOM.
    private static readonly Encoding Utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;

    private const UnixFileMode Executable = Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>
    /// Writes the files into <paramref name="directory"/> and answers the exit code. Below it, every directory
    /// and file is created by name through an open handle of its parent and no link is followed, so a link
    /// someone else planted in a shared directory (<c>.vscode</c> pointing elsewhere, say) is refused, never
    /// written through.
    /// </summary>
    public static int Create(string directory, string? name, TextWriter output, TextWriter error)
    {
        var scriptName = string.IsNullOrWhiteSpace(name) ? DefaultScriptName : name;
        if (!Path.HasExtension(scriptName))
        {
            scriptName += ".csx";
        }

        try
        {
            var script = Path.GetFullPath(Path.Combine(directory, scriptName));
            Write(directory, script, string.Format(System.Globalization.CultureInfo.InvariantCulture, StarterScript, Path.GetFileName(script)), Executable, output);
            Write(directory, Path.Combine(directory, "omnisharp.json"), OmniSharpJson, Readable, output);
            Write(directory, Path.Combine(directory, ".vscode", "launch.json"), LaunchJson, Readable, output);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"roslyn-bootsnap: could not create the starter files: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static void Write(string directory, string path, string contents, UnixFileMode mode, TextWriter output)
    {
        if (!DirectoryHandle.IsSupported)
        {
            WriteByPath(path, contents, mode, output);
            return;
        }

        // Under the directory, each component is made and opened by name; a path outside it is one the user
        // named, and its parent is taken as named.
        var relative = Path.GetRelativePath(directory, path);
        var inside = !Path.IsPathRooted(relative) && relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal);
        var start = inside ? directory : Path.GetDirectoryName(path)!;
        var components = inside ? relative.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries) : [Path.GetFileName(path)];
        var parent = DirectoryHandle.OpenOrNull(start, out var problem) ?? throw Refused(start, problem ?? "does not exist");
        try
        {
            foreach (var component in components[..^1])
            {
                var child = parent.CreateDirectoryOrNull(component, out problem) ?? throw Refused(Path.Join(parent.Path, component), problem ?? "cannot be created");
                parent.Dispose();
                parent = child;
            }

            using var handle = parent.CreateFileOrNull(components[^1], mode, out var exists, out problem);
            if (handle is null)
            {
                if (!exists || problem is not null)
                {
                    throw Refused(path, problem ?? "cannot be created");
                }

                output.WriteLine($"exists, left alone: {path}");
                return;
            }

            using (var stream = new FileStream(handle, FileAccess.Write))
            using (var writer = new StreamWriter(stream, Utf8))
            {
                writer.Write(contents);
            }

            output.WriteLine($"created: {path}");
        }
        finally
        {
            parent.Dispose();
        }
    }

    private static IOException Refused(string path, string problem) => new($"'{path}' {problem}; nothing is written through it");

    private static void WriteByPath(string path, string contents, UnixFileMode mode, TextWriter output)
    {
        if (File.Exists(path))
        {
            output.WriteLine($"exists, left alone: {path}");
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = mode;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream, Utf8))
        {
            writer.Write(contents);
        }

        output.WriteLine($"created: {path}");
    }
}
