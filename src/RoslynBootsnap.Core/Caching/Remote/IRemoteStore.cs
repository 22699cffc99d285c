namespace RoslynBootsnap.Caching.Remote;

/// <summary>
/// A second tier of entries shared by many hosts: opaque values by key. Redis is the first; an S3 or HTTP store
/// fits the same shape. Every operation is bounded in time and throws <see cref="RemoteStoreException"/> on
/// failure; the caller turns that into an event and compiles locally.
/// </summary>
internal interface IRemoteStore
{
    /// <summary>
    /// The value under <paramref name="key"/>, or <see langword="null"/> when there is none. A value larger than
    /// <paramref name="maxBytes"/> is refused by its size, before it is read: <see cref="RemoteStoreException"/>
    /// with step <see cref="CacheSteps.RemoteSize"/>.
    /// </summary>
    byte[]? Get(string key, long maxBytes);

    /// <summary>Stores <paramref name="value"/> under <paramref name="key"/>.</summary>
    void Put(string key, byte[] value);

    /// <summary>Takes the lock <paramref name="key"/> when no one holds it; it lapses after <paramref name="lifetime"/>.</summary>
    bool TryLock(string key, TimeSpan lifetime);

    /// <summary>Whether someone holds the lock <paramref name="key"/>.</summary>
    bool IsLocked(string key);

    /// <summary>Releases a lock taken with <see cref="TryLock"/>.</summary>
    void Unlock(string key);

    /// <summary>Adds one to a fleet-wide counter without waiting for the answer; a lost increment is no error.</summary>
    void Count(string counter);
}
