using Microsoft.Extensions.Logging;
using RoslynBootsnap.Tests.Support;

namespace RoslynBootsnap.Tests.Diagnostics;

public sealed class CacheLogTests
{
    [Test]
    public void Logger_MissThenHit_HitOnlyAtTrace()
    {
        using var temp = new TempDirectory();
        var logger = new ListLogger();
        var options = new ScriptCacheOptions { CacheDirectory = temp.CacheDirectory, Logger = logger };
        var path = temp.Write("a.csx", "1");

        ScriptCache.Load(path, options).Dispose();
        ScriptCache.Load(path, options).Dispose();

        Assert.That(logger.Entries.Select(e => e.Level), Is.EqualTo(new[] { LogLevel.Debug, LogLevel.Trace }));
        Assert.That(logger.Entries[1].Message, Is.EqualTo($"hit {path}"));
    }

    [Test]
    public void Logger_WriteFailure_WarningNamingStep()
    {
        using var temp = new TempDirectory();
        File.WriteAllText(temp.CacheDirectory, "not a directory");
        var logger = new ListLogger();
        var path = temp.Write("a.csx", "1");

        ScriptCache.Load(path, new ScriptCacheOptions { CacheDirectory = temp.CacheDirectory, Logger = logger }).Dispose();

        var warning = logger.Entries.Single(e => e.Level == LogLevel.Warning);
        Assert.That(warning.Message, Does.Contain(path).And.Contain("mkdir").Or.Contain("create-temp"));
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception)));
    }
}
