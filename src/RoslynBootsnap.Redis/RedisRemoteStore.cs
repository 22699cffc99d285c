using StackExchange.Redis;

namespace RoslynBootsnap.Caching.Remote;

/// <summary>
/// The remote tier on Redis, through StackExchange.Redis. One connection per connection string and process,
/// opened on first use. Connects and operations are bounded (<see cref="DefaultConnectTimeout"/>,
/// <see cref="DefaultOperationTimeout"/>, unless the connection string sets <c>connectTimeout</c> or
/// <c>syncTimeout</c>); after a failure the store is left alone for <see cref="BreakDuration"/>, so a Redis
/// that is down costs one bounded wait, not one per script.
/// </summary>
internal sealed class RedisRemoteStore : IRemoteStore
{
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromMilliseconds(1000);

    public static readonly TimeSpan DefaultOperationTimeout = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    /// <summary>How many keys one <c>SCAN</c> asks for when statistics are read.</summary>
    public const int ScanPageSize = 5000;

    private static readonly Dictionary<string, RedisRemoteStore> Stores = new(StringComparer.Ordinal);

    private readonly ConfigurationOptions _configuration;
    private readonly object _gate = new();
    private ConnectionMultiplexer? _connection;
    private readonly TimeProvider _time;
    private long _brokenUntil;

    private RedisRemoteStore(ConfigurationOptions configuration, TimeProvider time)
    {
        _configuration = configuration;
        _time = time;
    }

    /// <summary>A store of its own, outside the process's table, whose unavailable window runs on <paramref name="time"/>.</summary>
    /// <exception cref="RemoteStoreException">The connection string cannot be parsed.</exception>
    internal static RedisRemoteStore Create(string connectionString, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new RedisRemoteStore(Parse(connectionString), time);
    }

    /// <summary>The process's store for a connection string, <c>redis://host:port[,options]</c> or StackExchange.Redis's own form.</summary>
    /// <exception cref="RemoteStoreException">The connection string cannot be parsed.</exception>
    public static RedisRemoteStore For(string connectionString)
    {
        lock (Stores)
        {
            if (!Stores.TryGetValue(connectionString, out var store))
            {
                store = new RedisRemoteStore(Parse(connectionString), TimeProvider.System);
                Stores.Add(connectionString, store);
            }

            return store;
        }
    }

    public static ConfigurationOptions Parse(string connectionString)
    {
        var text = connectionString.Trim();
        var tls = false;
        if (text.StartsWith("redis://", StringComparison.OrdinalIgnoreCase))
        {
            text = text["redis://".Length..];
        }
        else if (text.StartsWith("rediss://", StringComparison.OrdinalIgnoreCase))
        {
            text = text["rediss://".Length..];
            tls = true;
        }

        ConfigurationOptions configuration;
        try
        {
            configuration = ConfigurationOptions.Parse(text.TrimEnd('/'));
        }
        catch (ArgumentException e)
        {
            throw new RemoteStoreException(CacheSteps.RemoteConnect, $"The remote '{connectionString.Split(',')[0]}' cannot be parsed: {e.Message}", e);
        }

        if (tls)
        {
            configuration.Ssl = true;
        }

        if (!Names(text, "connectTimeout"))
        {
            configuration.ConnectTimeout = (int)DefaultConnectTimeout.TotalMilliseconds;
        }

        if (!Names(text, "syncTimeout"))
        {
            configuration.SyncTimeout = (int)DefaultOperationTimeout.TotalMilliseconds;
            configuration.AsyncTimeout = (int)DefaultOperationTimeout.TotalMilliseconds;
        }

        if (!Names(text, "connectRetry"))
        {
            configuration.ConnectRetry = 1;
        }

        if (!Names(text, "abortConnect"))
        {
            configuration.AbortOnConnectFail = true;
        }

        return configuration;
    }

    /// <inheritdoc/>
    /// <remarks>
    /// <c>STRLEN</c> first, so an oversized value costs one small answer rather than its bytes; then
    /// <c>GETRANGE</c> up to one byte past the bound, so a value that grew in between is still read no further.
    /// A missing key and an empty value both read as none.
    /// </remarks>
    public byte[]? Get(string key, long maxBytes) => Run(CacheSteps.RemoteGet, key, static (db, k, max) =>
    {
        var length = db.StringLength(k);
        if (length == 0)
        {
            return null;
        }

        if (length > max)
        {
            throw TooLarge(k, length, max);
        }

        var value = (byte[]?)db.StringGetRange(k, 0, max);
        return value is null || value.Length == 0 ? null
            : value.LongLength > max ? throw TooLarge(k, value.LongLength, max)
            : value;
    }, maxBytes);

    public void Put(string key, byte[] value) => Run(CacheSteps.RemotePut, key, static (db, k, v) => db.StringSet(k, v), value);

    public bool TryLock(string key, TimeSpan lifetime) =>
        Run(CacheSteps.RemotePut, key, static (db, k, l) => db.StringSet(k, Environment.ProcessId, l, When.NotExists), lifetime);

    public bool IsLocked(string key) => Run(CacheSteps.RemoteGet, key, static (db, k, _) => db.KeyExists(k), 0);

    public void Unlock(string key) => Run(CacheSteps.RemotePut, key, static (db, k, _) => db.KeyDelete(k), 0);

    public void Count(string counter) =>
        Run(CacheSteps.RemotePut, RemoteKey.StatisticsKey, static (db, k, c) => db.HashIncrement(k, c, 1, CommandFlags.FireAndForget), counter);

    /// <summary>
    /// Entries and their bytes (a scan of this library's keys), and the counters writing hosts keep. Keys come
    /// <see cref="ScanPageSize"/> to a <c>SCAN</c>, and the <c>STRLEN</c> of each page's entries goes out as one
    /// pipelined batch, so the walk costs a round trip per page, not per key. <paramref name="progress"/> hears
    /// the entries counted so far after every page.
    /// </summary>
    public (long Entries, long Bytes, long Hits, long Misses) ReadStatistics(Action<long>? progress = null)
    {
        var database = Database();
        try
        {
            long entries = 0;
            long bytes = 0;
            foreach (var endPoint in database.Multiplexer.GetEndPoints())
            {
                var server = database.Multiplexer.GetServer(endPoint);
                if (server.IsReplica)
                {
                    continue;
                }

                var page = new List<RedisKey>(ScanPageSize);
                foreach (var key in server.Keys(database.Database, RemoteKey.Prefix + "*", pageSize: ScanPageSize))
                {
                    if (!key.ToString().EndsWith(RemoteKey.LockSuffix, StringComparison.Ordinal))
                    {
                        page.Add(key);
                    }

                    if (page.Count == ScanPageSize)
                    {
                        (entries, bytes) = Add(database, page, entries, bytes);
                        progress?.Invoke(entries);
                    }
                }

                (entries, bytes) = Add(database, page, entries, bytes);
                progress?.Invoke(entries);
            }

            var hits = database.HashGet(RemoteKey.StatisticsKey, "hits");
            var misses = database.HashGet(RemoteKey.StatisticsKey, "misses");
            return (entries, bytes, hits.IsNull ? 0 : (long)hits, misses.IsNull ? 0 : (long)misses);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            throw new RemoteStoreException(CacheSteps.RemoteGet, $"Reading the remote store's statistics failed: {e.Message}", e);
        }
    }

    /// <summary>The sizes of a page of keys, asked in one batch; the page is emptied for the next.</summary>
    private static (long Entries, long Bytes) Add(IDatabase database, List<RedisKey> page, long entries, long bytes)
    {
        if (page.Count == 0)
        {
            return (entries, bytes);
        }

        var batch = database.CreateBatch();
        var lengths = page.Select(k => batch.StringLengthAsync(k)).ToArray();
        batch.Execute();
        foreach (var length in lengths)
        {
            // An entry evicted since the scan saw it answers 0: it is no longer there to count.
            var size = length.GetAwaiter().GetResult();
            if (size > 0)
            {
                entries++;
                bytes += size;
            }
        }

        page.Clear();
        return (entries, bytes);
    }

    private static RemoteStoreException TooLarge(RedisKey key, long length, long max) =>
        new(CacheSteps.RemoteSize, $"The value of '{key}' is {length} bytes, more than the {max} a remote entry may be; it was not read.");

    private TResult Run<TState, TResult>(string step, string key, Func<IDatabase, RedisKey, TState, TResult> operation, TState state)
    {
        var database = Database();
        try
        {
            return operation(database, key, state);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            Break();
            throw new RemoteStoreException(step, $"The remote {step[7..]} of '{key}' failed: {e.Message}", e);
        }
    }

    private IDatabase Database()
    {
        if (_time.GetTimestamp() < Volatile.Read(ref _brokenUntil))
        {
            throw new RemoteStoreException(CacheSteps.RemoteUnavailable, "The remote store failed a moment ago; it is not tried again yet.");
        }

        lock (_gate)
        {
            if (_connection is { } open)
            {
                return open.GetDatabase();
            }

            try
            {
                _connection = ConnectionMultiplexer.Connect(_configuration);
                return _connection.GetDatabase();
            }
            catch (Exception e) when (e is RedisException or TimeoutException or ArgumentException)
            {
                Break();
                throw new RemoteStoreException(CacheSteps.RemoteConnect, $"Connecting to the remote store failed: {e.Message}", e);
            }
        }
    }

    private void Break() =>
        Volatile.Write(ref _brokenUntil, _time.GetTimestamp() + (long)(BreakDuration.TotalSeconds * _time.TimestampFrequency));

    private static bool Names(string text, string option) => text.Contains(option + "=", StringComparison.OrdinalIgnoreCase);
}
