namespace RoslynBootsnap;

/// <summary>
/// A script's source could not be read. The message says in words what failed and names the path;
/// <see cref="Step"/> names the step, so a host can tell a missing script from an unreadable one without
/// parsing text.
/// </summary>
public sealed class ScriptSourceException : IOException
{
    /// <summary>Creates the exception for a failed step on a script path.</summary>
    /// <param name="path">The script path.</param>
    /// <param name="step">The step that failed, such as <c>open-source</c> or <c>read-source</c>.</param>
    /// <param name="message">What went wrong, in words.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ScriptSourceException(string path, string step, string message, Exception? innerException = null)
        : base($"{message}: '{path}'", innerException)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(step);
        Path = path;
        Step = step;
    }

    /// <summary>The script path.</summary>
    public string Path { get; }

    /// <summary>The step that failed: <see cref="CacheSteps.OpenSource"/>, <see cref="CacheSteps.StatSource"/>, <see cref="CacheSteps.ReadSource"/>, <see cref="CacheSteps.DecodeSource"/> or <see cref="CacheSteps.OpenReference"/>.</summary>
    public string Step { get; }
}
