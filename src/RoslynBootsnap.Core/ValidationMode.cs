namespace RoslynBootsnap;

/// <summary>How much work a load does to prove an entry is still current.</summary>
public enum ValidationMode
{
    /// <summary>
    /// The default. Size and mtime of every file are checked, and the content digest of the script and of
    /// every <c>#load</c>ed file is checked on every load, so an edit that keeps the size and restores the
    /// mtime (<c>cp -p</c>, <c>rsync -t</c>, archives, coarse file-system clocks) is never served stale.
    /// </summary>
    Full,

    /// <summary>
    /// bootsnap's rule: a file whose size and mtime are unchanged is trusted without reading it. Saves one read
    /// per file on a hit, at the risk of serving stale code after an edit that keeps both.
    /// </summary>
    Fast,
}
