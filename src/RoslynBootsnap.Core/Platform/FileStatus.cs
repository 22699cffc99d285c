namespace RoslynBootsnap.Platform;

/// <summary>What one <c>statx(2)</c> says about a file: enough for the trust checks, the key and LRU bookkeeping.</summary>
/// <param name="Mode">File type and permission bits, as in <c>st_mode</c>.</param>
/// <param name="Owner">The owning user id.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="AccessTicks">Last access time in UTC ticks, as <see cref="File.GetLastAccessTimeUtc(string)"/> reports it.</param>
/// <param name="WriteTicks">Last write time in UTC ticks, as <see cref="File.GetLastWriteTimeUtc(string)"/> reports it.</param>
internal readonly record struct FileStatus(ushort Mode, uint Owner, long Size, long AccessTicks, long WriteTicks)
{
    private const ushort FileTypeMask = 0xf000;

    public bool IsSymbolicLink => (Mode & FileTypeMask) == 0xa000;

    public bool IsDirectory => (Mode & FileTypeMask) == 0x4000;

    public bool IsRegularFile => (Mode & FileTypeMask) == 0x8000;
}
