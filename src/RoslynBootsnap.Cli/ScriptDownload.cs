using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace RoslynBootsnap.Cli;

/// <summary>
/// A script named by an <c>http://</c> or <c>https://</c> URL, as dotnet-script runs one: downloaded once, kept by the
/// SHA-256 of its content under the cache dir (<c>downloads/&lt;sha256&gt;.csx</c>), and run from there, so its entry
/// is keyed by its content. Code from the network runs only when its digest is pinned (<c>--sha256</c>) or the
/// caller says it trusts the URL (<c>--trust-url</c>). The download is bounded in time, size and redirects.
/// </summary>
internal static class ScriptDownload
{
    /// <summary>The longest a download may take, from the request to its last byte.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>The most redirects a download follows.</summary>
    public const int MaxRedirects = 5;

    /// <summary>The folder of the cache dir that holds downloaded scripts.</summary>
    public const string FolderName = "downloads";

    /// <summary>Whether a script path is a URL to download rather than a file.</summary>
    public static bool IsUrl(string path) =>
        (path.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || path.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        && Uri.TryCreate(path, UriKind.Absolute, out _);

    /// <summary>Whether a value is a SHA-256 digest in hex.</summary>
    public static bool IsDigest(string value) => value.Length == 64 && value.All(char.IsAsciiHexDigit);

    /// <summary>
    /// The local file holding the script at <paramref name="url"/>: the one kept for <paramref name="sha256"/> when
    /// there is one, else a fresh download, checked against <paramref name="sha256"/> when given.
    /// </summary>
    /// <exception cref="ScriptSourceException">The download failed, was too large, or its digest does not match.</exception>
    public static string Fetch(string url, string? sha256, string cacheDirectory, CancellationToken cancellationToken)
    {
        var folder = Path.Join(cacheDirectory, FolderName);
        if (sha256 is not null && File.Exists(Path.Join(folder, sha256.ToLowerInvariant() + ".csx")))
        {
            return Path.Join(folder, sha256.ToLowerInvariant() + ".csx");
        }

        var content = Download(url, cancellationToken);
        var digest = Convert.ToHexStringLower(SHA256.HashData(content));
        if (sha256 is not null && !string.Equals(digest, sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new ScriptSourceException(url, CacheSteps.ReadSource, $"The script's SHA-256 is {digest}, not the {sha256.ToLowerInvariant()} --sha256 pins; nothing was run");
        }

        // Inside the cache dir, which the library keeps to this user; the folder is this user's alone as well.
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var path = Path.Join(folder, digest + ".csx");
        if (!File.Exists(path))
        {
            // Written whole and renamed into place: a reader never sees a part of it.
            var temp = Path.Join(folder, string.Create(CultureInfo.InvariantCulture, $".{digest}.{Environment.ProcessId}.tmp"));
            File.WriteAllBytes(temp, content);
            File.Move(temp, path, overwrite: true);
        }

        return path;
    }

    private static byte[] Download(string url, CancellationToken cancellationToken)
    {
        using var handler = new SocketsHttpHandler { AllowAutoRedirect = true, MaxAutomaticRedirections = MaxRedirects };
        using var client = new HttpClient(handler) { Timeout = Timeout };
        try
        {
            using var response = client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).GetAwaiter().GetResult();
            if (response.StatusCode is >= HttpStatusCode.MultipleChoices and < HttpStatusCode.BadRequest)
            {
                throw new ScriptSourceException(url, CacheSteps.ReadSource, $"The download was redirected more than {MaxRedirects} times, or to where it cannot follow");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new ScriptSourceException(url, CacheSteps.ReadSource, string.Create(CultureInfo.InvariantCulture, $"The download failed: HTTP {(int)response.StatusCode} {response.ReasonPhrase}"));
            }

            if (response.Content.Headers.ContentLength > ScriptRunner.StandardInputLimit)
            {
                throw TooLarge(url);
            }

            using var body = response.Content.ReadAsStream(cancellationToken);
            return ScriptRunner.ReadAtMost(body, ScriptRunner.StandardInputLimit, () => TooLarge(url));
        }
        catch (HttpRequestException e)
        {
            throw new ScriptSourceException(url, CacheSteps.ReadSource, $"The download failed: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ScriptSourceException(url, CacheSteps.ReadSource, string.Create(CultureInfo.InvariantCulture, $"The download took longer than {Timeout.TotalSeconds} s"), e);
        }
    }

    private static ScriptSourceException TooLarge(string url) =>
        new(url, CacheSteps.ReadSource, $"The script is larger than {ScriptRunner.StandardInputLimit / (1024 * 1024)} MiB, the most a downloaded script may be");
}
