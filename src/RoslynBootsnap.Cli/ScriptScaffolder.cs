using System.Text;

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

    /// <summary>Writes the files into <paramref name="directory"/> and answers the exit code.</summary>
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
            if (Write(script, string.Format(System.Globalization.CultureInfo.InvariantCulture, StarterScript, Path.GetFileName(script)), output)
                && !OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(script, File.GetUnixFileMode(script) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
            }

            Write(Path.Combine(directory, "omnisharp.json"), OmniSharpJson, output);
            Write(Path.Combine(directory, ".vscode", "launch.json"), LaunchJson, output);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"roslyn-bootsnap: could not create the starter files: {e.Message}");
            return ExitCodes.Failure;
        }
    }

    private static bool Write(string path, string contents, TextWriter output)
    {
        if (File.Exists(path))
        {
            output.WriteLine($"exists, left alone: {path}");
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        using (var writer = new StreamWriter(stream, Utf8))
        {
            writer.Write(contents);
        }

        output.WriteLine($"created: {path}");
        return true;
    }
}
