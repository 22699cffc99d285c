using System.Diagnostics;
using System.Net.Sockets;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Compiling;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Server;

/// <summary>
/// The compile server: accepts its user's clients on a Unix domain socket and precompiles what they ask for,
/// through the same cache and handler a client would use, so that the client then finds a current entry.
/// </summary>
/// <remarks>
/// Each request is compiled through a cache of its own, made from the options it carries, whose warnings sink
/// collects into that request's answer: the compiler's warm state (its references) is the process's, not a
/// cache's, so nothing is lost, and no request's warnings can reach another's. The gate of each entry makes
/// concurrent requests for one script one compile, as it does in process.
/// </remarks>
internal sealed class ServerHost
{
    /// <summary>Distinct option sets remembered at once; a client that varies its options endlessly must not grow the server.</summary>
    private const int MaxSeenOptions = 16;

    private static readonly TimeSpan QuietBeforeTrim = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan WarmUpDelay = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a client has to send its whole request, and to take the whole answer: a client sends at once, and
    /// both are small. A connection that sends nothing is dropped after it.
    /// </summary>
    private static readonly TimeSpan ExchangeTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The option sets seen, as their request bytes: the first request with new ones starts a warm-up.</summary>
    private readonly HashSet<string> _seenOptions = new(StringComparer.Ordinal);
    private readonly Stopwatch _uptime = Stopwatch.StartNew();
    private readonly CancellationTokenSource _stop;
    private readonly TimeSpan _idleTimeout;
    private readonly string _identity;

    /// <summary>The identity of the compiler this server compiles with (see <see cref="CompilerIdentity"/>).</summary>
    private readonly ulong _compiler;
    private long _requests;
    private long _compiles;
    private long _refused;
    private int _inFlight;
    private int _compiling;
    private long _compilesAtTrim;
    private readonly ServerWarmUp _warmUp;
    private long _lastActivity;

    private ServerHost(TimeSpan idleTimeout, CancellationTokenSource stop, string identity, ulong compiler, DirectoryHandle directory)
    {
        _compiler = compiler;
        _warmUp = new ServerWarmUp(directory);
        _idleTimeout = idleTimeout;
        _identity = identity;
        _stop = stop;
        Touch();
    }

    /// <param name="socketPath">Where to listen.</param>
    /// <param name="idleTimeout">How long to live without a request.</param>
    /// <param name="cancellationToken">Stops the server.</param>
    /// <param name="identity">The version served; tests pass another to play a server of another version.</param>
    /// <param name="compiler">The compiler's identity; tests pass another to play a server with another compiler.</param>
    /// <exception cref="PrivateDirectoryException">The socket's directory is not private to this user.</exception>
    /// <exception cref="CacheIOException">The socket's directory or lock cannot be created.</exception>
    public static async Task<bool> RunAsync(string socketPath, TimeSpan idleTimeout, CancellationToken cancellationToken, string? identity = null, ulong? compiler = null)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("The compile server checks its directory through handles and its peers' uid, which only Linux offers.");
        }

        var path = Path.GetDirectoryName(socketPath)!;
        var name = Path.GetFileName(socketPath);

        // Created 0700, opened without following a link and judged on the handle; the lock, the socket and the
        // warm-up are then named through that handle, so a path swapped for a link later leads nowhere.
        using var directory = ServerEndpoint.OpenDirectoryOrNull(path, create: true, out var problem)
            ?? throw new PrivateDirectoryException(path, problem ?? "does not exist");

        // Held while this server lives: a second server started by a racing client exits here.
        using var serving = directory.TryLockFile(ServerEndpoint.GetLockPath(name));
        if (serving is null)
        {
            return false;
        }

        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        using (var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
        {
            // A socket file left by a server that is gone: the lock proves none serves it now.
            directory.Unlink(name);

            // Bound through the handle's /proc path: the socket lands in the directory just judged, whatever its
            // path names now, and the address fits sun_path's 108 bytes however long the cache dir's path is.
            var address = directory.PathThrough(name);
            listener.Bind(new UnixDomainSocketEndPoint(address));
            File.SetUnixFileMode(address, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            listener.Listen(64);
            try
            {
                await new ServerHost(idleTimeout, stop, identity ?? ServerEndpoint.Identity, compiler ?? CompilerIdentity.Current, directory).ServeAsync(listener).ConfigureAwait(false);
            }
            finally
            {
                directory.Unlink(name);
            }
        }

        return true;
    }

    private async Task ServeAsync(Socket listener)
    {
        var tick = TimeSpan.FromMilliseconds(Math.Clamp(_idleTimeout.TotalMilliseconds / 4, 10, 1000));
        using var idle = new Timer(_ => ExitWhenIdle(), null, tick, tick);

        // Delayed, so as not to compete with the in-process compile of the client that started this server.
        _ = _warmUp.StartAsync(StartingOptions(), WarmUpDelay, _stop.Token);
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            _ = Task.Run(() => Serve(client));
        }

        // Answer the requests in flight before exiting: their clients wait for them.
        while (Volatile.Read(ref _inFlight) > 0)
        {
            await Task.Delay(10, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private void ExitWhenIdle()
    {
        if (Volatile.Read(ref _inFlight) != 0)
        {
            return;
        }

        if (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastActivity)) > _idleTimeout)
        {
            _stop.Cancel();
            return;
        }

        // Between bursts, hand back what the compiles left: a long-lived server must not keep the high-water
        // mark of its busiest moment. Compacting the large object heap is where Roslyn's big arrays live. Only
        // once the clients have been quiet for a while: the next compile after a trim pays for faulting its
        // memory back in, which a run of quick edits should not.
        if (Stopwatch.GetElapsedTime(Volatile.Read(ref _lastActivity)) < QuietBeforeTrim)
        {
            return;
        }

        var compiles = Interlocked.Read(ref _compiles);
        if (compiles != Interlocked.Exchange(ref _compilesAtTrim, compiles))
        {
            System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            TrimNativeHeap();
        }
    }

    /// <summary>
    /// Most of what a compile leaves is native: metadata Roslyn reads into the C heap, freed by finalizers, and
    /// spread over the arenas of the threads that compiled. glibc keeps freed arena memory resident until asked.
    /// </summary>
    private static void TrimNativeHeap()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            Libc.malloc_trim(0);
        }
        catch (EntryPointNotFoundException)
        {
            // Not glibc: its allocator returns memory on its own terms.
        }
    }

    private void Touch() => Volatile.Write(ref _lastActivity, Stopwatch.GetTimestamp());

    private void Serve(Socket client)
    {
        using (client)
        {
            try
            {
                if (!PeerCredentials.IsSameUser(client))
                {
                    Interlocked.Increment(ref _refused);
                    Reply(client, w => w.Write((byte)ServerMessage.Refused));
                    return;
                }

                // Until its request is in, a connection is neither activity nor work in flight: one that sends
                // nothing keeps no idle server alive, and is dropped at the deadline.
                using var request = ServerFrames.Read(client, ServerDeadline.In(ExchangeTimeout));
                if (request is not null)
                {
                    Interlocked.Increment(ref _inFlight);
                    Touch();
                    try
                    {
                        Answer(client, request);
                    }
                    finally
                    {
                        Touch();
                        Interlocked.Decrement(ref _inFlight);
                    }
                }
            }
            catch (Exception e) when (e is SocketException or IOException or InvalidDataException or EndOfStreamException or ObjectDisposedException)
            {
                // A client that went away, stalled or sent garbage costs its own request, never the server.
            }
        }
    }

    /// <summary>Sends an answer, which the client must take whole within its own deadline.</summary>
    private static void Reply(Socket client, Action<BinaryWriter> body) => ServerFrames.Write(client, ServerDeadline.In(ExchangeTimeout), body);

    private void Answer(Socket client, BinaryReader request)
    {
        var message = (ServerMessage)request.ReadByte();
        if (request.ReadString() != _identity)
        {
            Reply(client, w =>
            {
                w.Write((byte)ServerMessage.OtherVersion);
                w.Write(_identity);
            });
            return;
        }

        switch (message)
        {
            case ServerMessage.Compile when !PeerCredentials.HasSameGroups(client):
                // The server opens the script and all it loads with its own groups: for a client in others it
                // could read what the client may not, and write it into the client's entry.
                Interlocked.Increment(ref _refused);
                Reply(client, w => w.Write((byte)ServerMessage.OtherGroups));
                break;
            case ServerMessage.Compile:
                if (request.ReadUInt64() != _compiler)
                {
                    // Its entries would be stale to the client, which would compile again: it compiles in process now.
                    Reply(client, w => w.Write((byte)ServerMessage.OtherCompiler));
                    break;
                }

                Compile(client, request);
                break;
            case ServerMessage.Status:
                Reply(client, WriteStatus);
                break;
            case ServerMessage.Stop:
                Reply(client, w => w.Write((byte)ServerMessage.Stopping));
                _stop.Cancel();
                break;
            default:
                Reply(client, w =>
                {
                    w.Write((byte)ServerMessage.Failed);
                    w.Write("unknown request");
                });
                break;
        }
    }

    private void Compile(Socket client, BinaryReader request)
    {
        Interlocked.Increment(ref _requests);
        var start = request.BaseStream.Position;
        Action<BinaryWriter> answer;
        ScriptCacheOptions? newOptions = null;
        Interlocked.Increment(ref _compiling);
        try
        {
            List<ScriptDiagnostic> warnings = [];
            var cache = CacheFor(request, start, warnings.AddRange, out newOptions);
            var written = cache.Precompile(request.ReadString());

            answer = w =>
            {
                w.Write((byte)ServerMessage.Compiled);
                w.Write(written);
                WriteDiagnostics(w, warnings);
            };
        }
        catch (ScriptCompilationException e)
        {
            answer = w => WriteCompileErrors(w, e);
        }
        catch (ScriptPackageException e)
        {
            // The script's error, as a compile error is: the client reports it and resolves nothing again.
            answer = w =>
            {
                w.Write((byte)ServerMessage.PackageFailed);
                w.Write(e.Path);
                w.Write(e.PackageId);
                w.Write(e.Version ?? string.Empty);
                w.Write((int)e.Failure);
                w.Write(e.Message);
            };
        }
        catch (Exception e) when (e is ScriptSourceException or IOException or UnauthorizedAccessException or ArgumentException or InvalidDataException or EndOfStreamException)
        {
            answer = w =>
            {
                w.Write((byte)ServerMessage.Failed);
                w.Write(e.Message);
            };
        }
        finally
        {
            Interlocked.Decrement(ref _compiling);
        }

        Reply(client, answer);
        if (newOptions is not null)
        {
            // The first request with these options was compiled cold; warm up for the ones that follow.
            _ = _warmUp.StartAsync(newOptions, TimeSpan.Zero, _stop.Token);
        }
    }

    /// <summary>
    /// The options of the client that started this server, registered as its first requests will name them;
    /// the defaults when it named none or they cannot be read here.
    /// </summary>
    private ScriptCacheOptions StartingOptions()
    {
        // They may hold the remote tier's key: taking them leaves them to no child of the server (a package restore, say).
        var encoded = ScriptEnvironment.TakeServerWarmUp();
        if (encoded is not { Length: > 0 })
        {
            return new ScriptCacheOptions();
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(Convert.FromBase64String(encoded)));
            // Warmed up for, with no warnings to report: no request asked for them.
            var options = CompileRequest.ReadOptions(reader, OnEvent, static _ => { });
            lock (_seenOptions)
            {
                _seenOptions.Add(encoded);
            }

            return options;
        }
        catch (Exception e) when (e is FormatException or InvalidDataException or EndOfStreamException or IOException or ArgumentException)
        {
            return new ScriptCacheOptions();
        }
    }

    /// <summary>
    /// The cache for one request, with the options read from it and a warnings sink of its own; its handler
    /// goes with it (the handler table holds it no longer than these options live).
    /// </summary>
    /// <param name="request">The request, positioned at its options.</param>
    /// <param name="start">Where its options begin.</param>
    /// <param name="onWarnings">Where this request's compile warnings go.</param>
    /// <param name="newOptions">The options, when no request named them before: they are warmed up for.</param>
    private CompiledScriptCache CacheFor(BinaryReader request, long start, Action<IReadOnlyList<ScriptDiagnostic>> onWarnings, out ScriptCacheOptions? newOptions)
    {
        newOptions = null;
        var options = CompileRequest.ReadOptions(request, OnEvent, onWarnings);
        var bytes = ((MemoryStream)request.BaseStream).GetBuffer().AsSpan((int)start, (int)(request.BaseStream.Position - start));
        var key = Convert.ToBase64String(bytes);
        lock (_seenOptions)
        {
            if (!_seenOptions.Contains(key))
            {
                if (_seenOptions.Count >= MaxSeenOptions)
                {
                    _seenOptions.Clear();
                }

                _seenOptions.Add(key);
                newOptions = options;
            }
        }

        return ForClient(options);
    }

    /// <summary>
    /// The cache a client's request is compiled with here: the client's options, with no remote tier. The server is a
    /// way to compile that writes the local entry; the remote tier (the script's compile lock, the wait for
    /// another host's upload, the upload) stays with the client, which looked it up under its gate before asking
    /// and uploads the entry once the server has answered. So the server never waits on a lock the client holds,
    /// and a stuck lock costs one bound end to end.
    /// </summary>
    private static CompiledScriptCache ForClient(ScriptCacheOptions options) =>
        new ScriptCacheBuilder(options).UseInProcessCompiler().UseLocalEntriesOnly().Build();

    private void OnEvent(CacheEvent cacheEvent)
    {
        if (cacheEvent.Kind is CacheEventKind.Miss or CacheEventKind.Stale)
        {
            Interlocked.Increment(ref _compiles);
        }
    }

    private void WriteStatus(BinaryWriter writer)
    {
        writer.Write((byte)ServerMessage.StatusReport);
        writer.Write(Environment.ProcessId);
        writer.Write(_identity);
        writer.Write(_uptime.Elapsed.Ticks);
        writer.Write(Interlocked.Read(ref _requests));
        writer.Write(Interlocked.Read(ref _compiles));
        writer.Write(Interlocked.Read(ref _refused));

        writer.Write(Volatile.Read(ref _compiling));
        writer.Write(Environment.WorkingSet);
    }

    private static void WriteCompileErrors(BinaryWriter writer, ScriptCompilationException e)
    {
        writer.Write((byte)ServerMessage.CompileErrors);
        writer.Write(e.Path);
        WriteDiagnostics(writer, e.Diagnostics);
    }

    private static void WriteDiagnostics(BinaryWriter writer, IReadOnlyList<ScriptDiagnostic> diagnostics)
    {
        writer.Write(diagnostics.Count);
        foreach (var d in diagnostics)
        {
            writer.Write(d.Id);
            writer.Write((int)d.Severity);
            writer.Write(d.Message);
            writer.Write(d.FilePath ?? string.Empty);
            writer.Write(d.StartLine);
            writer.Write(d.StartColumn);
            writer.Write(d.EndLine);
            writer.Write(d.EndColumn);
        }
    }
}
