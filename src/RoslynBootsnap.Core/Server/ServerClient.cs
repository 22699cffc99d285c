using System.Diagnostics;
using System.Net.Sockets;
using RoslynBootsnap.Caching;
using RoslynBootsnap.Compiling;
using RoslynBootsnap.Platform;

namespace RoslynBootsnap.Server;

/// <summary>
/// The client side of the compile server, on the miss path of a process that must not load the compiler: it
/// names no compiler type. Every failure becomes a reason to compile in process; every wait is bounded.
/// </summary>
internal sealed class ServerClient : IOutOfProcessCompiler
{
    /// <summary>How long a connect may take: a listening server accepts at once, even when busy.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);

    /// <summary>How long status and stop take, from connect to their answer.</summary>
    private static readonly TimeSpan ControlTimeout = TimeSpan.FromSeconds(5);

    private readonly ScriptCacheOptions _options;
    private readonly CompileServerOptions _server;
    private readonly string _cacheDirectory;
    private string? _socketPath;

    public ServerClient(ScriptCacheOptions options, CompileServerOptions server, string cacheDirectory)
    {
        _options = options;
        _server = server;
        _cacheDirectory = cacheDirectory;
    }

    public string? Compile(string path, CancellationToken cancellationToken, out Exception? failure)
    {
        failure = null;

        // One bound for the whole exchange, from connect to the last byte of the answer.
        var deadline = ServerDeadline.In(_server.CompileTimeout);

        // Worked out on the first miss only: a hit has no use for it.
        _socketPath ??= ServerEndpoint.GetSocketPath();
        using var socket = Connect(_socketPath, deadline, out var reason, out failure);
        if (socket is null)
        {
            if (reason is CacheSteps.ServerNotRunning or CacheSteps.ServerStaleSocket)
            {
                // Started for the misses to come; this one compiles in process rather than wait for a cold server.
                failure = Start(_socketPath);
            }

            return reason;
        }

        using var cancel = cancellationToken.Register(static s => ((Socket)s!).Dispose(), socket);
        try
        {
            ServerFrames.Write(socket, deadline, w =>
            {
                w.Write((byte)ServerMessage.Compile);
                w.Write(ServerEndpoint.Identity);
                w.Write(CompilerIdentity.Current);
                CompileRequest.WriteOptions(w, _options, _cacheDirectory);
                w.Write(path);
            });
            using var reader = ServerFrames.Read(socket, deadline);
            return reader is null ? CacheSteps.ServerCrashed : Answer(reader, _options.OnCompilerWarnings, out failure);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.TimedOut)
        {
            failure = e;
            return CacheSteps.ServerTimeout;
        }
        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidDataException or EndOfStreamException or ObjectDisposedException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            failure = e;
            return CacheSteps.ServerCrashed;
        }
    }

    public static CompileServerStatus? GetStatus(string socketPath)
    {
        using var reader = Control(socketPath, ServerMessage.Status);
        if (reader is null || (ServerMessage)reader.ReadByte() != ServerMessage.StatusReport)
        {
            return null;
        }

        return new CompileServerStatus(
            reader.ReadInt32(),
            reader.ReadString(),
            TimeSpan.FromTicks(reader.ReadInt64()),
            reader.ReadInt64(),
            reader.ReadInt64(),
            reader.ReadInt64(),
            reader.ReadInt32(),
            reader.ReadInt64());
    }

    public static bool Stop(string socketPath)
    {
        using var reader = Control(socketPath, ServerMessage.Stop);
        return reader is not null && (ServerMessage)reader.ReadByte() == ServerMessage.Stopping;
    }

    private static BinaryReader? Control(string socketPath, ServerMessage message)
    {
        var deadline = ServerDeadline.In(ControlTimeout);
        using var socket = Connect(socketPath, deadline, out _, out _);
        if (socket is null)
        {
            return null;
        }

        try
        {
            ServerFrames.Write(socket, deadline, w =>
            {
                w.Write((byte)message);
                w.Write(ServerEndpoint.Identity);
            });
            return ServerFrames.Read(socket, deadline);
        }
        catch (Exception e) when (e is SocketException or IOException or InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Connects to a server of this user, or answers why not.</summary>
    private static Socket? Connect(string socketPath, ServerDeadline deadline, out string? reason, out Exception? failure)
    {
        failure = null;
        var path = Path.GetDirectoryName(socketPath)!;
        var name = Path.GetFileName(socketPath);

        // Judged before a byte is sent: a socket in a directory another user planted or can write is never
        // spoken to, and the connect goes through the handle judged rather than through the path again.
        using var directory = ServerEndpoint.OpenDirectoryOrNull(path, create: false, out var problem);
        if (directory is null)
        {
            if (problem is null)
            {
                reason = CacheSteps.ServerNotRunning;
                return null;
            }

            failure = new PrivateDirectoryException(path, problem);
            reason = CacheSteps.ServerUntrustedDirectory;
            return null;
        }

        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            var wait = deadline.Remaining < ConnectTimeout ? deadline.Remaining : ConnectTimeout;
            if (wait <= TimeSpan.Zero || !socket.ConnectAsync(new UnixDomainSocketEndPoint(directory.PathThrough(name))).Wait(wait))
            {
                socket.Dispose();
                reason = CacheSteps.ServerTimeout;
                return null;
            }
        }
        catch (AggregateException wrapped) when (wrapped.InnerException is SocketException e)
        {
            socket.Dispose();
            failure = e;
            reason = e.SocketErrorCode switch
            {
                _ when !directory.TryGetStatus(name, out _) => CacheSteps.ServerNotRunning,
                SocketError.ConnectionRefused => CacheSteps.ServerStaleSocket,
                _ => CacheSteps.ServerUnreachable,
            };
            return null;
        }

        if (!PeerCredentials.IsSameUser(socket))
        {
            // Never hand a request, or a path, to another user's process.
            socket.Dispose();
            reason = CacheSteps.ServerRefused;
            return null;
        }

        reason = null;
        return socket;
    }

    private static string? Answer(BinaryReader reader, Action<IReadOnlyList<ScriptDiagnostic>>? onWarnings, out Exception? failure)
    {
        failure = null;
        switch ((ServerMessage)reader.ReadByte())
        {
            case ServerMessage.Compiled:
                var written = reader.ReadBoolean();

                // The server's compile was this miss's compile: its warnings are reported here, as in process.
                var warnings = ReadDiagnostics(reader);
                if (warnings.Length > 0)
                {
                    onWarnings?.Invoke(warnings);
                }

                return written ? null : CacheSteps.ServerNoEntry;
            case ServerMessage.CompileErrors:
                throw ReadCompileErrors(reader);
            case ServerMessage.PackageFailed:
                throw ReadPackageFailure(reader);
            case ServerMessage.OtherVersion:
                return CacheSteps.ServerOtherVersion;
            case ServerMessage.OtherCompiler:
                return CacheSteps.ServerOtherCompiler;
            case ServerMessage.Refused:
                return CacheSteps.ServerRefused;
            case ServerMessage.OtherGroups:
                return CacheSteps.ServerOtherGroups;
            case ServerMessage.Failed:
                failure = new IOException(reader.ReadString());
                return CacheSteps.ServerFailed;
            default:
                return CacheSteps.ServerFailed;
        }
    }

    private static ScriptCompilationException ReadCompileErrors(BinaryReader reader)
    {
        var path = reader.ReadString();
        return new ScriptCompilationException(path, ReadDiagnostics(reader));
    }

    private static ScriptPackageException ReadPackageFailure(BinaryReader reader)
    {
        var path = reader.ReadString();
        var packageId = reader.ReadString();
        var version = reader.ReadString() is { Length: > 0 } v ? v : null;
        var failure = (ScriptPackageFailure)reader.ReadInt32();
        return new ScriptPackageException(path, packageId, version, failure, reader.ReadString());
    }

    private static ScriptDiagnostic[] ReadDiagnostics(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        var diagnostics = new ScriptDiagnostic[Math.Clamp(count, 0, 100_000)];
        for (var i = 0; i < diagnostics.Length; i++)
        {
            diagnostics[i] = new ScriptDiagnostic(
                reader.ReadString(),
                (ScriptDiagnosticSeverity)reader.ReadInt32(),
                reader.ReadString(),
                reader.ReadString() is { Length: > 0 } file ? file : null,
                reader.ReadInt32(),
                reader.ReadInt32(),
                reader.ReadInt32(),
                reader.ReadInt32());
        }

        return diagnostics;
    }

    /// <summary>Starts a detached server; its own lock makes every start but one exit at once.</summary>
    private Exception? Start(string socketPath)
    {
        try
        {
            var info = new ProcessStartInfo(_server.FileName)
            {
                UseShellExecute = false,

                // Fresh pipes, closed when this process exits, so that the server holds none of the caller's
                // streams open: a caller reading this process's output to its end is not kept waiting.
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = "/",
            };
            foreach (var argument in _server.Arguments)
            {
                info.ArgumentList.Add(argument);
            }

            info.Environment[CompileServer.SocketVariable] = socketPath;
            info.Environment[ServerWarmUp.OptionsVariable] = ServerWarmUp.Encode(_options, _cacheDirectory);
            info.Environment[CompileServer.IdleTimeoutVariable] =
                _server.IdleTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var process = Process.Start(info);
            process?.StandardInput.Close();
            return null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or IOException or InvalidOperationException)
        {
            return e;
        }
    }
}
