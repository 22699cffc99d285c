namespace RoslynBootsnap;

/// <summary>How a load may use the cache dir.</summary>
public enum CacheMode
{
    /// <summary>Serve valid entries and write new or refreshed ones. The default.</summary>
    ReadWrite,

    /// <summary>
    /// Serve valid entries but never create, write, rename or delete anything under the cache dir; a miss or a
    /// stale entry compiles in memory. For caches baked into read-only images. <c>ROSLYN_BOOTSNAP_READONLY=1</c>.
    /// </summary>
    ReadOnly,

    /// <summary>Touch no cache at all: compile in memory on every load. <c>ROSLYN_BOOTSNAP_DISABLE=1</c>.</summary>
    Disabled,
}
