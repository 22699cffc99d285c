namespace RoslynBootsnap.Platform;

/// <summary>Why a cache file or directory is not trusted: the event step and the reason in words.</summary>
internal sealed class TrustProblem
{
    /// <summary>Owned by a user who is neither the current user, root nor a trusted owner.</summary>
    public const string OwnerStep = CacheSteps.UntrustedOwner;

    /// <summary>Writable by group or others.</summary>
    public const string ModeStep = CacheSteps.UntrustedMode;

    /// <summary>A symbolic link.</summary>
    public const string LinkStep = CacheSteps.UntrustedLink;

    public static readonly TrustProblem Link = new(LinkStep, "is a symbolic link");

    public static readonly TrustProblem Mode = new(ModeStep, "is writable by group or others");

    private TrustProblem(string step, string reason)
    {
        Step = step;
        Reason = reason;
    }

    /// <summary>The step a <c>stale</c> event names: <c>untrusted-owner</c>, <c>untrusted-mode</c> or <c>untrusted-link</c>.</summary>
    public string Step { get; }

    /// <summary>The reason, to follow the path: <c>is a symbolic link</c>.</summary>
    public string Reason { get; }

    /// <summary>Whether an event step is one of the untrusted steps.</summary>
    public static bool IsStep(string? step) => step is OwnerStep or ModeStep or LinkStep;

    public static TrustProblem Owner(uint owner, OwnerTrust trust)
    {
        var reason = $"is owned by user {owner}, not by the current user, root or a trusted owner";
        return new TrustProblem(OwnerStep, trust.Ignored is null ? reason : $"{reason} ({trust.Ignored})");
    }
}
