namespace RoslynBootsnap.Caching;

/// <summary>
/// Whether an entry's bytes hold together: the data size matches the file, the payload checksum matches the
/// data, and the manifest parses and matches the header's dependency digest. Loads and the inventory ask the
/// same question, so they ask it here.
/// </summary>
internal static class EntryLayout
{
    /// <summary>Checks the data after a header already read from <paramref name="entry"/>.</summary>
    /// <returns><see langword="null"/> when whole; otherwise the failed check: <c>data-size</c>, <c>checksum</c> or <c>manifest</c>.</returns>
    public static string? CheckData(byte[] entry, in CacheHeader header, out EntryManifest manifest, out int manifestLength)
    {
        manifest = null!;
        manifestLength = 0;
        var data = entry.AsSpan(CacheHeader.Size);
        if (header.DataSize != (ulong)data.Length)
        {
            return CacheSteps.DataSize;
        }

        if (FileDigest.OfBytes(data) != header.PayloadChecksum)
        {
            return CacheSteps.Checksum;
        }

        return EntryManifest.TryParse(data, out manifest, out manifestLength)
            && FileDigest.OfBytes(data[..manifestLength]) == header.DependencyDigest
            ? null
            : CacheSteps.Manifest;
    }
}
