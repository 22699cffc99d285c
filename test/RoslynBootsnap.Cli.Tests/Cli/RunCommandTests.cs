using System.Runtime.Versioning;
using RoslynBootsnap.Cli;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Cli;

/// <summary><c>roslyn-bootsnap run</c>, as a real child process.</summary>
public sealed class RunCommandTests
{
    private TempDirectory _temp = null!;

    [SetUp]
    public void SetUp() => _temp = new TempDirectory();

    [TearDown]
    public void TearDown() => _temp.Dispose();

    private ProcessResult Run(params string[] arguments) =>
        CliHost.Run(_temp.Path, ["run", "--cache-dir", _temp.CacheDirectory, .. arguments]);

    private static IReadOnlyList<string> Stderr(ProcessResult result) => CliHost.LinesOf(result.StandardError);

    private static IReadOnlyList<string> Stdout(ProcessResult result) => CliHost.LinesOf(result.StandardOutput);

    [Test]
    [Category("Process")]
    public void Run_IntReturn_BecomesExitCode()
    {
        var path = _temp.Write("code.csx", "WriteLine(\"working\");\n6 * 7");

        var result = Run(path);

        Assert.That(result.ExitCode, Is.EqualTo(42), result.ToString());
        Assert.That(Stdout(result), Is.EqualTo(new[] { "working" }));
    }

    [Test]
    [Category("Process")]
    public void Run_ReturnStatementWithInt_BecomesExitCode()
    {
        var path = _temp.Write("early.csx", "if (Args.Count == 0) { return 7; }\nreturn 0;");

        Assert.That(Run(path).ExitCode, Is.EqualTo(7));
        Assert.That(Run(path, "--", "x").ExitCode, Is.Zero);
    }

    [Test]
    [Category("Process")]
    public void Run_EnvironmentExitCodeSetNoIntResult_ExitsWithIt()
    {
        var path = _temp.Write("exitcode.csx", "Environment.ExitCode = 0xA0;\nWriteLine(\"Hello World\");");

        var result = Run(path);

        Assert.That(result.ExitCode, Is.EqualTo(0xA0), result.ToString());
        Assert.That(Stdout(result), Is.EqualTo(new[] { "Hello World" }));
    }

    [Test]
    [Category("Process")]
    public void Run_EnvironmentExitCodeAndIntResult_EnvironmentExitCodeWins()
    {
        // dotnet-script's order: a non-zero Environment.ExitCode first, then the script's int.
        var path = _temp.Write("both.csx", "Environment.ExitCode = 5;\nreturn 9;");

        Assert.That(Run(path).ExitCode, Is.EqualTo(5));
    }

    [Test]
    [Category("Process")]
    public void Run_CompileWarnings_CscFormatOnStderrOnMissOnly()
    {
        var path = _temp.Write("warns.csx", "#warning check this\nWriteLine(\"ran\");");

        var cold = Run(path);
        var warm = Run(path);

        Assert.That(cold.ExitCode, Is.Zero, cold.ToString());
        Assert.That(Stderr(cold), Is.EqualTo(new[] { $"{path}(1,10): warning CS1030: #warning: 'check this'" }));
        Assert.That(Stdout(cold), Is.EqualTo(new[] { "ran" }));
        Assert.That(warm.StandardError, Is.Empty, "a hit compiles nothing, so it warns of nothing");
    }

    [Test]
    [Category("Process")]
    public void Run_NonIntResult_NotPrintedAndExitsZero()
    {
        var path = _temp.Write("text.csx", "\"a result nobody asked to print\"");

        var result = Run(path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Is.Empty);
        Assert.That(result.StandardError, Is.Empty);
    }

    [Test]
    [Category("Process")]
    public void Run_EmptyScript_ExitsZeroThenHits()
    {
        var path = _temp.Write("empty.csx", string.Empty);

        var cold = Run("--events", path);
        var warm = Run("--events", path);

        Assert.That(cold.ExitCode, Is.Zero, cold.ToString());
        Assert.That(Stderr(cold), Is.EqualTo(new[] { $"roslyn-bootsnap: miss {path}" }), cold.ToString());
        Assert.That(warm.ExitCode, Is.Zero, warm.ToString());
        Assert.That(Stderr(warm), Is.EqualTo(new[] { $"roslyn-bootsnap: hit {path}" }), warm.ToString());
        Assert.That(cold.StandardOutput, Is.Empty);
    }

    [Test]
    [Category("Process")]
    public void Run_ArgsAfterDoubleDash_SeenByScriptInOrder()
    {
        var path = _temp.Write("args.csx", "IList<string> a = Args;\nWriteLine(a.Count);\nforeach (var x in a) WriteLine(\"arg: \" + x);");

        var result = Run(path, "--", "one", "--events", "two words", "-x");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Stdout(result), Is.EqualTo(new[] { "4", "arg: one", "arg: --events", "arg: two words", "arg: -x" }));
        Assert.That(result.StandardError, Is.Empty, "--events after -- belongs to the script");
    }

    [Test]
    [Category("Process")]
    public void Run_Events_MissHitTouchEditSequence()
    {
        var path = _temp.Write("events.csx", "WriteLine(1 + 1);");

        var miss = Run("--events", path);
        var hit = Run("--events", path);
        FileTimes.Touch(path);
        var revalidated = Run("--events", path);
        var hitAgain = Run("--events", path);
        FileTimes.Rewrite(path, "WriteLine(10 + 10);");
        var stale = Run("--events", path);

        Assert.That(Stderr(miss), Is.EqualTo(new[] { $"roslyn-bootsnap: miss {path}" }), miss.ToString());
        Assert.That(Stderr(hit), Is.EqualTo(new[] { $"roslyn-bootsnap: hit {path}" }), hit.ToString());
        Assert.That(Stderr(revalidated), Is.EqualTo(new[] { $"roslyn-bootsnap: revalidated {path}" }), revalidated.ToString());
        Assert.That(Stdout(revalidated), Is.EqualTo(new[] { "2" }));
        Assert.That(Stderr(hitAgain), Is.EqualTo(new[] { $"roslyn-bootsnap: hit {path}" }), hitAgain.ToString());
        Assert.That(Stderr(stale), Is.EqualTo(new[] { $"roslyn-bootsnap: stale {path} (source-size)" }), stale.ToString());
        Assert.That(Stdout(stale), Is.EqualTo(new[] { "20" }));
    }

    [Test]
    [Category("Process")]
    [UnsupportedOSPlatform("windows")]
    public void Run_CacheWrittenByAnotherUser_HitOnlyWithTrustedOwnersVariable()
    {
        if (!TestHost.CanRunAsNobody)
        {
            Assert.Ignore("Needs root and setpriv to write the cache as another user.");
        }

        // Open to all, as /tmp is, so that the other user can create the cache dir and own it.
        const UnixFileMode open = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
            | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute | UnixFileMode.StickyBit;
        File.SetUnixFileMode(_temp.Path, open);
        var path = _temp.Write("shared.csx", "WriteLine(\"ran\");");
        var precompile = CliHost.RunAsNobody(_temp, "precompile", "--cache-dir", _temp.CacheDirectory, path);
        Assert.That(precompile.ExitCode, Is.Zero, precompile.ToString());

        var untrusted = Run("--events", path);
        var trusted = RunWithTrustedOwners($"{TestHost.NobodyId}", path);
        var malformed = RunWithTrustedOwners("nobody", path);

        Assert.That(untrusted.ExitCode, Is.Zero, untrusted.ToString());
        Assert.That(Stderr(untrusted), Is.EqualTo(new[] { $"roslyn-bootsnap: stale {path} (untrusted-owner)" }), untrusted.ToString());
        Assert.That(Stdout(untrusted), Is.EqualTo(new[] { "ran" }));
        Assert.That(trusted.ExitCode, Is.Zero, trusted.ToString());
        Assert.That(Stderr(trusted), Is.EqualTo(new[] { $"roslyn-bootsnap: hit {path}" }), trusted.ToString());
        Assert.That(Stdout(trusted), Is.EqualTo(new[] { "ran" }));
        Assert.That(malformed.ExitCode, Is.Zero, malformed.ToString());
        Assert.That(Stderr(malformed), Is.EqualTo(new[] { $"roslyn-bootsnap: stale {path} (untrusted-owner)" }), malformed.ToString());
    }

    private ProcessResult RunWithTrustedOwners(string owners, string path) =>
        CliHost.Run(
            _temp.Path,
            new Dictionary<string, string> { [ScriptCache.TrustedOwnersVariable] = owners },
            ["run", "--cache-dir", _temp.CacheDirectory, "--events", path]);

    [Test]
    [Category("Process")]
    public void Run_RelativePath_EventNamesFullPath()
    {
        var path = _temp.Write("sub/rel.csx", "1");

        var result = CliHost.Run(_temp.Path, "run", "sub/rel.csx", "--events", "--cache-dir", "cache");

        Assert.That(Stderr(result), Is.EqualTo(new[] { $"roslyn-bootsnap: miss {path}" }), result.ToString());
        Assert.That(Directory.Exists(_temp.CacheDirectory), Is.True);
    }

    [Test]
    [Category("Process")]
    public void Run_WithoutEvents_PrintsNoEvents()
    {
        var path = _temp.Write("quiet.csx", "WriteLine(\"only this\");");

        var result = Run(path);

        Assert.That(result.StandardError, Is.Empty);
        Assert.That(Stdout(result), Is.EqualTo(new[] { "only this" }));
    }

    [Test]
    [Category("Process")]
    public void Run_ScriptThrows_TypeMessageAndScriptLineOnStderrAndExitsOne()
    {
        var path = _temp.Write("throws.csx", "var a = 1;\nvoid Fail() => throw new InvalidOperationException(\"boom\");\nFail();\n");
        Run(path);

        var result = Run(path);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        var lines = Stderr(result);
        Assert.That(lines[0], Is.EqualTo("System.InvalidOperationException: boom"));
        Assert.That(result.StandardError, Does.Contain($"{path}:line 2"));
        Assert.That(result.StandardError, Does.Contain($"{path}:line 3"));
        Assert.That(result.StandardError, Does.Not.Contain("RoslynBootsnap."), "frames of the runner say nothing about the script");
        Assert.That(lines[^1].Trim(), Does.StartWith("at "));
    }

    [Test]
    [Category("Process")]
    public void Run_ScriptThrowsWithInnerException_BothPrinted()
    {
        var path = _temp.Write("inner.csx", "try { int.Parse(\"x\"); } catch (FormatException e) { throw new ApplicationException(\"outer\", e); }");

        var result = Run(path);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(Stderr(result)[0], Is.EqualTo("System.ApplicationException: outer"));
        Assert.That(result.StandardError, Does.Contain(" ---> System.FormatException: "));
        Assert.That(result.StandardError, Does.Contain($"{path}:line 1"));
    }

    [Test]
    [Category("Process")]
    public void Run_CompileError_CscFormatOnStderrExitsOneAndCachesNothing()
    {
        var path = _temp.Write("broken.csx", "var x = 1;\nvar z = undefinedThing + x;\nint y = \"text\";");

        var result = Run(path);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.StandardOutput, Is.Empty);
        Assert.That(Stderr(result), Has.Count.EqualTo(2));
        Assert.That(Stderr(result)[0], Does.StartWith($"{path}(2,9): error CS0103: ").And.Contain("undefinedThing"));
        Assert.That(Stderr(result)[1], Does.StartWith($"{path}(3,9): error CS0029: "));
        Assert.That(Directory.Exists(_temp.CacheDirectory) ? Directory.GetFiles(_temp.CacheDirectory, "*", SearchOption.AllDirectories) : [], Is.Empty);
    }

    [Test]
    [Category("Process")]
    public void Run_MissingScript_ExitsThreeAndNamesPath()
    {
        var path = _temp.Combine("absent.csx");

        var result = Run(path);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.StandardError, Does.StartWith("roslyn-bootsnap: ").And.Contain(path));
    }

    [TestCase("-")]
    [TestCase("/dev/stdin")]
    [Category("Process")]
    public void Run_StandardInput_RunsWithArgsLoadsFromCurrentDirectoryAndCachesNothing(string script)
    {
        _temp.Write("helper.csx", "string Greet(string who) => \"hello \" + who;");
        var code = "#load \"helper.csx\"\nWriteLine(Greet(string.Join(\",\", Args)));\n3";

        var result = CliHost.RunWithInput(_temp.Path, code, "run", script, "--events", "--cache-dir", _temp.CacheDirectory, "--", "a", "b");

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(Stdout(result), Is.EqualTo(new[] { "hello a,b" }));
        Assert.That(result.StandardError, Is.Empty, "a script from stdin is never cached, so it has no events");
        Assert.That(Directory.Exists(_temp.CacheDirectory), Is.False);
    }

    [Test]
    [Category("Process")]
    public void Run_StandardInputCompileError_DiagnosticsNameStdinInCurrentDirectory()
    {
        var result = CliHost.RunWithInput(_temp.Path, "var x = 1;\nvar z = undefinedThing + x;", "run", "-");

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(Stderr(result), Has.Count.EqualTo(1));
        Assert.That(Stderr(result)[0], Does.StartWith($"{_temp.Combine("<stdin>")}(2,9): error CS0103: "));
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    public void Run_EndlessStandardInput_StopsAtLimitExitsThree()
    {
        using var host = CliHost.Start(_temp.Path, "run", "-");
        // As `yes | roslyn-bootsnap run -`: lines until the command exits and the pipe breaks. A bound four times
        // the limit ends the test should the command read on.
        var writer = Task.Factory.StartNew(
            () =>
            {
                var line = System.Text.Encoding.ASCII.GetBytes(new string('y', 1023) + "\n");
                long written = 0;
                try
                {
                    while (!host.HasExited && written < 4L * ScriptRunner.StandardInputLimit)
                    {
                        host.StandardInput.Write(line);
                        written += line.Length;
                    }

                    host.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The command stopped reading and exited: the pipe is broken.
                }

                return written;
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        var result = host.WaitForExit(TimeSpan.FromMinutes(5));
        var written = writer.Result;

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(Stderr(result), Is.EqualTo(new[] { "roslyn-bootsnap: The script on standard input is larger than 16 MiB, the most a script read from standard input may be: '<stdin>'" }));
        Assert.That(written, Is.LessThan(4L * ScriptRunner.StandardInputLimit), "the command exited while the stream went on");
    }

    [TestCase(0)]
    [TestCase(100)]
    [TestCase(100_000)]
    public void ReadAtMost_UpToLimit_ReadsAll(int length)
    {
        using var input = new MemoryStream(new byte[length]);

        Assert.That(ScriptRunner.ReadAtMost(input, 100_000), Has.Length.EqualTo(length));
    }

    [Test]
    public void ReadAtMost_OneBytePastLimit_TypedErrorReadsNoFurther()
    {
        using var input = new MemoryStream(new byte[300_000]);

        var error = Assert.Throws<ScriptSourceException>(() => ScriptRunner.ReadAtMost(input, 100_000));

        Assert.That(error!.Step, Is.EqualTo(CacheSteps.ReadSource));
        Assert.That(input.Position, Is.EqualTo(100_001));
    }

    [Test]
    [Category("Process")]
    [Category("Reliability")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Run_FifoAsScript_ExitsThreeNotRegularFile()
    {
        var path = _temp.Combine("pipe.csx");
        var made = ChildProcess.Run(ChildProcess.StartInfo("mkfifo", [path], _temp.Path));
        Assert.That(made.ExitCode, Is.Zero, made.ToString());

        // A FIFO with no writer: a blocking open would wait for one forever (ChildProcess gives up eventually).
        var result = Run(path);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(Stderr(result), Is.EqualTo(new[] { $"roslyn-bootsnap: The script is not a regular file (a FIFO): '{path}'" }));
    }

    [TestCase("/dev/null")]
    [TestCase("/dev/zero")]
    [Category("Process")]
    [Category("Reliability")]
    public void Run_DeviceAsScript_ExitsThreeNotRegularFile(string device)
    {
        var result = Run(device);

        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(Stderr(result), Is.EqualTo(new[] { $"roslyn-bootsnap: The script is not a regular file (a character device): '{device}'" }));
    }

    [Test]
    [Category("Process")]
    public void Run_NoCache_RunsAndWritesNoCacheDir()
    {
        var path = _temp.Write("nocache.csx", "WriteLine(\"ran\");\n5");

        var result = Run("--no-cache", "--events", path);

        Assert.That(result.ExitCode, Is.EqualTo(5), result.ToString());
        Assert.That(Stdout(result), Is.EqualTo(new[] { "ran" }));
        Assert.That(result.StandardError, Is.Empty, "a disabled cache has no events");
        Assert.That(Directory.Exists(_temp.CacheDirectory), Is.False);
    }

    [Test]
    [Category("Process")]
    public void Run_CacheDirOption_WinsOverEnvironment()
    {
        var path = _temp.Write("where.csx", "0");
        var fromEnvironment = _temp.Combine("env-cache");
        var environment = new Dictionary<string, string> { [ScriptCache.CacheDirectoryVariable] = fromEnvironment };

        var result = CliHost.Run(_temp.Path, environment, "--cache-dir", _temp.CacheDirectory, "run", path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Directory.GetFiles(_temp.CacheDirectory, "*", SearchOption.AllDirectories), Has.Length.EqualTo(1));
        Assert.That(Directory.Exists(fromEnvironment), Is.False);
    }

    [Test]
    [Category("Process")]
    public void Run_NoCacheDirOption_UsesEnvironmentCacheDir()
    {
        var path = _temp.Write("env.csx", "0");
        var fromEnvironment = _temp.Combine("env-cache");
        var environment = new Dictionary<string, string> { [ScriptCache.CacheDirectoryVariable] = fromEnvironment };

        var result = CliHost.Run(_temp.Path, environment, "run", path);

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(Directory.GetFiles(fromEnvironment, "*", SearchOption.AllDirectories), Has.Length.EqualTo(1));
    }

    [Test]
    [Category("Process")]
    public void Run_WarmHit_LoadsNoCodeAnalysisAssembly()
    {
        var path = _temp.Write("assemblies.csx", """
            foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
            {
                WriteLine("assembly: " + assembly.GetName().Name);
            }
            """);

        var cold = Run("--events", path);
        var warm = Run("--events", path);

        Assert.That(Stderr(cold), Is.EqualTo(new[] { $"roslyn-bootsnap: miss {path}" }), cold.ToString());
        Assert.That(cold.Lines("assembly:"), Has.Some.StartsWith("Microsoft.CodeAnalysis"), "the check must be able to see Roslyn");
        Assert.That(Stderr(warm), Is.EqualTo(new[] { $"roslyn-bootsnap: hit {path}" }), warm.ToString());
        Assert.That(warm.Lines("assembly:"), Has.Some.EqualTo("roslyn-bootsnap"));
        Assert.That(warm.Lines("assembly:"), Has.None.StartsWith("Microsoft.CodeAnalysis"), warm.ToString());
        Assert.That(warm.Lines("assembly:"), Has.None.StartsWith("System.CommandLine"), "a plain run is parsed without the full parser");
    }

    [TestCase("--bogus", "{0}")]
    [TestCase("{0}", "--bogus")]
    [TestCase("{0}", "x", "-b")]
    [Category("Process")]
    public void Run_UnknownOptionBeforeDoubleDash_UsageErrorExitsTwo(params string[] arguments)
    {
        var path = _temp.Write("a.csx", "WriteLine(\"ran\");");

        var result = Run([.. arguments.Select(a => string.Format(System.Globalization.CultureInfo.InvariantCulture, a, path))]);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.StandardError, Does.Contain("Unrecognized").And.Contain("-b"));
        Assert.That(Stderr(result)[^1], Is.EqualTo("Run 'roslyn-bootsnap run --help' for usage."));
        Assert.That(result.StandardOutput, Is.Empty);
    }

    [Test]
    [Category("Process")]
    public void Run_ArgsWithoutDoubleDash_SeenByScript()
    {
        var path = _temp.Write("plain.csx", "WriteLine(string.Join(\"|\", Args));");

        var result = Run(path, "a", "b");

        Assert.That(Stdout(result), Is.EqualTo(new[] { "a|b" }), result.ToString());
    }

    [Test]
    [Category("Process")]
    public void Run_NoScript_UsageErrorExitsTwo()
    {
        var result = CliHost.Run(_temp.Path, "run");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
    }

    [TestCase("run")]
    [TestCase("precompile")]
    [Category("Process")]
    public void Help_Command_DescribesItsOptionsAndExitsZero(string command)
    {
        var result = CliHost.Run(_temp.Path, command, "--help");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.StandardOutput, Does.Contain($"roslyn-bootsnap {command}").And.Contain("--cache-dir"));
    }

    [Test]
    [Category("Process")]
    public void UsageError_NoCommand_PointsAtRootHelp()
    {
        var result = CliHost.Run(_temp.Path, "--bogus");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(Stderr(result)[^1], Is.EqualTo("Run 'roslyn-bootsnap --help' for usage."));
    }

    [Test]
    [Category("Process")]
    public void Help_Root_ListsEveryCommand()
    {
        var result = CliHost.Run(_temp.Path, "--help");

        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        var commands = result.StandardOutput[result.StandardOutput.IndexOf("Commands:", StringComparison.Ordinal)..];
        Assert.That(CliHost.LinesOf(commands).Skip(1).Select(l => l.Trim().Split(' ')[0]), Is.EqualTo(new[] { "run", "eval", "init", "precompile", "stats", "clean", "verify", "server" }));
    }
}
