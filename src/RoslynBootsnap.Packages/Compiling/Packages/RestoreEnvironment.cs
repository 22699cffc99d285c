namespace RoslynBootsnap.Compiling.Packages;

/// <summary>
/// The environment a restore's <c>dotnet</c> runs with: built from nothing, with only what finding the SDK and
/// NuGet's own settings, feeds and folders need. The host's environment may hold secrets (the remote tier's
/// signing key, deployment tokens) that a restore has no use for, and MSBuild turns every variable into a
/// property, so a variable such as <c>CustomBeforeMicrosoftCommonTargets</c> would import a file of its naming.
/// </summary>
internal static class RestoreEnvironment
{
    /// <summary>The variables passed on as they are.</summary>
    private static readonly HashSet<string> Passed = new(StringComparer.Ordinal)
    {
        // Finding programs and the user's own folders: ~/.nuget/NuGet/NuGet.Config, ~/.nuget/packages, ~/.dotnet.
        "PATH",
        "HOME",
        "DOTNET_CLI_HOME",

        // The runtime the SDK runs on: a machine without ICU runs only in invariant mode.
        "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT",
        "DOTNET_SYSTEM_GLOBALIZATION_PREDEFINED_CULTURES_ONLY",
        "LANG",
        "LC_ALL",

        // Where .NET puts the user's application data; NuGet's HTTP and plugin caches live there.
        "XDG_CONFIG_HOME",
        "XDG_DATA_HOME",

        // NuGet's folders and settings: the restore must extract where the in-process resolution then looks.
        "NUGET_PACKAGES",
        "NUGET_HTTP_CACHE_PATH",
        "NUGET_SCRATCH",
        "NUGET_PLUGINS_CACHE_PATH",
        "NUGET_CERT_REVOCATION_MODE",
        "DOTNET_NUGET_SIGNATURE_VERIFICATION",

        // Credential providers the user installed for authenticated feeds, and what they read.
        "NUGET_PLUGIN_PATHS",
        "VSS_NUGET_EXTERNAL_FEED_ENDPOINTS",
        "VSS_NUGET_ACCESSTOKEN",

        // Reaching the feeds: proxies (.NET reads both cases) and the certificates to trust.
        "http_proxy",
        "https_proxy",
        "all_proxy",
        "no_proxy",
        "HTTP_PROXY",
        "HTTPS_PROXY",
        "ALL_PROXY",
        "NO_PROXY",
        "SSL_CERT_FILE",
        "SSL_CERT_DIR",
    };

    /// <summary>
    /// Prefixes of the variables passed on: the dotnet install (<c>DOTNET_ROOT</c>, <c>DOTNET_ROOT_X64</c>...)
    /// and feed credentials NuGet reads from the environment (<c>NuGetPackageSourceCredentials_&lt;source&gt;</c>).
    /// </summary>
    private static readonly string[] PassedPrefixes = ["DOTNET_ROOT", "NuGetPackageSourceCredentials_"];

    /// <summary>
    /// Replaces <paramref name="environment"/> with the restore's: the allowed variables of this process, the
    /// SDK kept quiet and without build servers that would outlive the restore, and <paramref name="temp"/> as
    /// its temp dir.
    /// </summary>
    public static void Apply(IDictionary<string, string?> environment, string temp)
    {
        ArgumentNullException.ThrowIfNull(environment);
        environment.Clear();
        foreach (var (name, value) in ScriptEnvironment.Snapshot())
        {
            if (IsPassed(name))
            {
                environment[name] = value;
            }
        }

        environment["TMPDIR"] = temp;
        environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        environment["DOTNET_NOLOGO"] = "1";
        environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        environment["DOTNET_GENERATE_ASPNET_CERTIFICATE"] = "false";
        environment["DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE"] = "1";
        environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
        environment["MSBUILDDISABLENODEREUSE"] = "1";
    }

    /// <summary>Whether a variable of this process is passed on to the restore.</summary>
    public static bool IsPassed(string name) =>
        !name.StartsWith("ROSLYN_BOOTSNAP_", StringComparison.OrdinalIgnoreCase)
        && (Passed.Contains(name) || PassedPrefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal)));
}
