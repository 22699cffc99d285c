using System.Net.Sockets;
using System.Runtime.Versioning;

namespace RoslynBootsnap.Tests.Support;

/// <summary>
/// A real listener at the socket a client uses, in a proper private dir, that accepts every connection and
/// then answers badly: with nothing at all, or with a frame whose bytes come one a second and never end.
/// </summary>
[UnsupportedOSPlatform("windows")]
internal sealed class HostileServer : IDisposable
{
    private readonly Socket _listener = new(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _accepted = [];
    private readonly Thread _thread;
    private readonly bool _trickle;

    /// <param name="socketPath">Where the client looks for its server.</param>
    /// <param name="trickle">Whether to send a byte a second, rather than nothing.</param>
    public HostileServer(string socketPath, bool trickle)
    {
        _trickle = trickle;
        var directory = Path.GetDirectoryName(socketPath)!;
        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        _listener.Listen(8);
        _thread = new Thread(Serve) { IsBackground = true, Name = "hostile server" };
        _thread.Start();
    }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted
    {
        get
        {
            lock (_accepted)
            {
                return _accepted.Count;
            }
        }
    }

    private void Serve()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = _listener.Accept();
                lock (_accepted)
                {
                    _accepted.Add(client);
                }

                if (_trickle)
                {
                    new Thread(() => Trickle(client)) { IsBackground = true, Name = "hostile trickle" }.Start();
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Disposed.
        }
    }

    private void Trickle(Socket client)
    {
        try
        {
            // A frame of the largest length a client accepts, so the answer never ends within the test.
            byte[] prefix = [0, 0, 0, 1];
            foreach (var b in prefix.Concat(Enumerable.Repeat((byte)0, int.MaxValue)))
            {
                client.Send([b]);
                if (_stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // The client gave up.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        lock (_accepted)
        {
            _accepted.ForEach(s => s.Dispose());
        }

        _thread.Join(TimeSpan.FromSeconds(10));
        _stop.Dispose();
    }
}
