using System.Net;
using System.Net.Sockets;
using System.Text;

namespace RoslynBootsnap.Tests.Support;

/// <summary>
/// A small HTTP server on 127.0.0.1 and a free port, for scripts run from a URL: each path answers a fixed body,
/// or redirects. It serves on its own thread until disposed, and counts the requests it got.
/// </summary>
internal sealed class ScriptWebServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Dictionary<string, string> _bodies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _redirects = new(StringComparer.Ordinal);
    private readonly Thread _thread;
    private int _requests;

    public ScriptWebServer()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
        }

        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _thread = new Thread(Serve) { IsBackground = true, Name = "ScriptWebServer" };
        _thread.Start();
    }

    public int Port { get; }

    public int Requests => Volatile.Read(ref _requests);

    public string Url(string path) => $"http://127.0.0.1:{Port}/{path}";

    public void Serve(string path, string body)
    {
        lock (_bodies)
        {
            _bodies[path] = body;
        }
    }

    public void Redirect(string path, string to)
    {
        lock (_bodies)
        {
            _redirects[path] = to;
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _thread.Join();
    }

    private void Serve()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = _listener.GetContext();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            Interlocked.Increment(ref _requests);
            var path = context.Request.Url!.AbsolutePath.TrimStart('/');
            string? body;
            string? redirect;
            lock (_bodies)
            {
                _bodies.TryGetValue(path, out body);
                _redirects.TryGetValue(path, out redirect);
            }

            var response = context.Response;
            try
            {
                if (redirect is not null)
                {
                    response.StatusCode = 302;
                    response.RedirectLocation = Url(redirect);
                }
                else if (body is null)
                {
                    response.StatusCode = 404;
                }
                else
                {
                    var bytes = Encoding.UTF8.GetBytes(body);
                    response.ContentLength64 = bytes.Length;
                    response.OutputStream.Write(bytes);
                }

                response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or IOException)
            {
                // The client hung up (a download past its size cap, say): its side is what the test looks at.
                response.Abort();
            }
        }
    }
}
