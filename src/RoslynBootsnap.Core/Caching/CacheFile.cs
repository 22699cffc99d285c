using System.Globalization;
using Microsoft.Win32.SafeHandles;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Caching;

/// <summary>
/// Reads and atomically writes cache entry files. Every failure is a <see cref="CacheIOException"/>
/// naming the step, in the spirit of bootsnap's errno provenance.
/// </summary>
internal static class CacheFile
{
    /// <summary>How many temp file names are tried before giving up, as bootsnap's <c>MAX_CREATE_TEMPFILE_ATTEMPT</c>.</summary>
    public const int MaxCreateTempFileAttempts = 3;

    /// <summary>
    /// The largest payload that is ever read back. Anything larger is a corrupt header, not a script,
    /// and is treated as stale rather than allocated.
    /// </summary>
    public const long MaxDataSize = 1L << 30;

    /// <summary>The suffix of in-flight temp files; a crash can leave one behind, and <c>clean</c> removes them.</summary>
    public const string TempMarker = ".tmp.";

    /// <summary>
    /// Called between an entry's header and its data, with the temp file's path. Lets a test host stop a
    /// writer mid-entry to prove that a crash there never leaves a torn entry behind.
    /// </summary>
    internal static Action<string>? AfterHeaderWritten { get; set; }

    /// <summary>
    /// A test-only fault seam for the two steps no real fault reaches in a test: <c>flush</c> (the stream is
    /// unbuffered, so its flush does no I/O of its own) and <c>read-entry</c> (an I/O error reading a file that
    /// opened fine). Called with the step and the file just before the step; a test throws an
    /// <see cref="IOException"/> from it. Unset, it costs one null check.
    /// </summary>
    internal static Action<string, string>? BeforeStep { get; set; }

    private const UnixFileMode EntryMode =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private const UnixFileMode ShardMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
        | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    /// <summary>
    /// Reads a whole entry with one open, one length query and one read.
    /// </summary>
    /// <returns>
    /// <see cref="CacheReadStatus.Missing"/> when there is no entry, <see cref="CacheReadStatus.TooLarge"/>
    /// when the file cannot be a sane entry, otherwise <see cref="CacheReadStatus.Read"/> with the bytes.
    /// </returns>
    public static CacheReadStatus Read(string entryPath, out byte[] contents) => Read(entryPath, out contents, out _);

    /// <summary>
    /// As <see cref="Read(string, out byte[])"/>, opening the entry without following a symbolic link
    /// (<see cref="CacheReadStatus.SymbolicLink"/>), and hands back what the open handle says about the file, so
    /// that its owner and mode are judged on the very file read; <c>Mode</c> is 0 where that is not known.
    /// </summary>
    public static CacheReadStatus Read(string entryPath, out byte[] contents, out FileStatus status)
    {
        contents = [];
        var handle = UnixFile.OpenRegularFileOrNull(entryPath, out status, out var notRegular, out var error, noFollow: true);
        var length = status.Size;
        if (notRegular)
        {
            // A FIFO or a device is never an entry, and .NET's open would block on a FIFO with no writer.
            throw new CacheIOException(CacheSteps.OpenEntry, entryPath, new IOException("It is not a regular file."));
        }

        if (handle is null)
        {
            switch (error)
            {
                case Libc.Loop:
                    return CacheReadStatus.SymbolicLink;
                case Libc.NoSuchFile or Libc.NotDirectory:
                    // A miss, the common case of a cold start: no second open just to hear it again.
                    return CacheReadStatus.Missing;
            }

            try
            {
                // No open(2) here, or it failed otherwise: .NET opens it or says why, and the length is asked below.
                handle = File.OpenHandle(entryPath, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete);
                length = -1;
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
            {
                return CacheReadStatus.Missing;
            }
            catch (Exception e) when (FileFault.IsFileError(e))
            {
                throw new CacheIOException(CacheSteps.OpenEntry, entryPath, e);
            }
        }

        using (handle)
        {
            return ReadOpened(handle, length, entryPath, out contents);
        }
    }

    /// <summary>
    /// Reads a whole entry from a handle opened for reading; <paramref name="length"/> is its size when known,
    /// otherwise -1. The handle stays open.
    /// </summary>
    public static CacheReadStatus ReadOpened(SafeFileHandle handle, long length, string entryPath, out byte[] contents)
    {
        contents = [];
        try
        {
            BeforeStep?.Invoke(CacheSteps.ReadEntry, entryPath);
            if (length < 0)
            {
                length = RandomAccess.GetLength(handle);
            }

            if (length > MaxDataSize + CacheHeader.Size)
            {
                return CacheReadStatus.TooLarge;
            }

            contents = HandleReader.ReadAll(handle, length);
            return CacheReadStatus.Read;
        }
        catch (Exception e) when (FileFault.IsFileError(e))
        {
            throw new CacheIOException(CacheSteps.ReadEntry, entryPath, e);
        }
    }

    /// <summary>
    /// Writes header and data to a temp file beside the entry and renames it over the entry, so that a
    /// reader sees either the old entry or the new one, never a torn one. The temp file is removed on
    /// every error path.
    /// </summary>
    public static void WriteAtomic(
        string cacheDirectory,
        string entryPath,
        in CacheHeader header,
        ReadOnlySpan<byte> manifest,
        ReadOnlySpan<byte> payload)
    {
        var (tempPath, stream) = CreateTempFile(cacheDirectory, entryPath, CacheHeader.Size + (long)manifest.Length + payload.Length);
        var step = CacheSteps.Write;
        try
        {
            using (stream)
            {
                Span<byte> headerBytes = stackalloc byte[CacheHeader.Size];
                header.WriteTo(headerBytes);
                stream.Write(headerBytes);
                AfterHeaderWritten?.Invoke(tempPath);
                stream.Write(manifest);
                stream.Write(payload);
                step = CacheSteps.Flush;
                BeforeStep?.Invoke(step, tempPath);
                stream.Flush();
            }

            step = CacheSteps.Rename;
            File.Move(tempPath, entryPath, overwrite: true);
        }
        catch (Exception e) when (FileFault.IsWriteFault(e))
        {
            DeleteQuietly(tempPath);
            throw new CacheIOException(step, step == CacheSteps.Rename ? entryPath : tempPath, e);
        }
        catch
        {
            DeleteQuietly(tempPath);
            throw;
        }

        AbandonedTempFiles.Sweep(Path.GetDirectoryName(entryPath)!, DateTime.UtcNow);
    }

    /// <summary>
    /// How stale an entry's recorded access may get before a hit moves it again. Size-bounded cleaning needs
    /// the order of use, not the second: moving the time on every hit would make each warm start write the
    /// entry's inode, and many processes would all write the same ones.
    /// </summary>
    public static readonly TimeSpan AccessGranularity = TimeSpan.FromHours(1);

    /// <summary>
    /// Records that an entry was just used by moving its access time to now, so that size-bounded cleaning
    /// can evict the least recently used entries even on file systems mounted <c>noatime</c>. Skipped when the
    /// recorded time (<paramref name="lastAccessTicks"/>, 0 when unknown) is within
    /// <see cref="AccessGranularity"/> of now, either way: a clock a little behind another process's is no
    /// reason to write. Advisory: a failure is ignored.
    /// </summary>
    public static void RecordAccess(string entryPath, long lastAccessTicks)
    {
        var now = DateTime.UtcNow;
        if (lastAccessTicks != 0 && Math.Abs(now.Ticks - lastAccessTicks) < AccessGranularity.Ticks)
        {
            return;
        }

        try
        {
            File.SetLastAccessTimeUtc(entryPath, now);
        }
        catch (Exception e) when (FileFault.IsFileError(e))
        {
            // Not ours to touch, or gone: the entry is still good.
        }
    }

    /// <summary>Deletes a file; a file that is already gone (another process won the race) is fine.</summary>
    public static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone with its shard.
        }
        catch (Exception e) when (FileFault.IsFileError(e))
        {
            throw new CacheIOException(CacheSteps.Unlink, path, e);
        }
    }

    private static (string Path, FileStream Stream) CreateTempFile(string cacheDirectory, string entryPath, long size)
    {
        Exception? last = null;
        for (var attempt = 0; attempt < MaxCreateTempFileAttempts; attempt++)
        {
            // Only uniqueness matters here (the dir is ours alone, and CreateNew refuses a name that exists), so a
            // plain random number: the cryptographic generator would load OpenSSL into every revalidating run.
            var tempPath = entryPath + TempMarker + ((ulong)Random.Shared.NextInt64()).ToString("x16", CultureInfo.InvariantCulture);
            try
            {
                var options = new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    Share = FileShare.None,
                    BufferSize = 0,
                    PreallocationSize = size,
                };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = EntryMode;
                }

                return (tempPath, new FileStream(tempPath, options));
            }
            catch (DirectoryNotFoundException e) when (attempt == 0)
            {
                last = e;
                CreateDirectories(cacheDirectory, Path.GetDirectoryName(entryPath)!);
            }
            catch (Exception e) when (FileFault.IsWriteFault(e))
            {
                // A name collision or a transient failure: try another name, as mkstemp would.
                last = e;
                if (e is UnauthorizedAccessException)
                {
                    break;
                }
            }
        }

        throw new CacheIOException(CacheSteps.CreateTemp, entryPath, last!);
    }

    private static void CreateDirectories(string cacheDirectory, string shardDirectory)
    {
        try
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(shardDirectory);
                return;
            }

            // The root is private to its user, whoever creates it; namespaces and shards only need to be listable by
            // whoever can enter it.
            PrivateDirectory.Create(cacheDirectory);
            Directory.CreateDirectory(shardDirectory, ShardMode);
        }
        catch (CacheIOException)
        {
            throw;
        }
        catch (Exception e) when (FileFault.IsWriteFault(e))
        {
            throw new CacheIOException(CacheSteps.Mkdir, shardDirectory, e);
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (FileFault.IsFileError(e))
        {
            // Best effort: the original failure is the one worth reporting.
        }
    }
}
