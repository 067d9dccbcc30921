namespace MangaAssist.Retrieval.Embeddings;

/// <summary>
/// Where document vectors are kept: one configured file, a directory with one file per fingerprint (the service's
/// default, so runs with other models, sizes or catalogs on the same machine never overwrite each other), or nowhere.
/// </summary>
public sealed class VectorCacheFile
{
    /// <summary>The configured value that turns the cache off.</summary>
    public const string Off = "none";

    private readonly string? _file;
    private readonly string? _directory;

    private VectorCacheFile(string? file, string? directory)
    {
        _file = file;
        _directory = directory;
    }

    public static VectorCacheFile None { get; } = new(null, null);

    /// <summary>Exactly <paramref name="path"/>; none when it is null or empty.</summary>
    public static VectorCacheFile At(string? path) => string.IsNullOrWhiteSpace(path) ? None : new(path, null);

    /// <summary>
    /// The service's choice: <paramref name="configured"/> when set (<see cref="Off"/> or empty for none), otherwise
    /// <c>$XDG_CACHE_HOME/mangaassist</c> (<c>~/.cache/mangaassist</c>; the temporary directory without a home).
    /// </summary>
    public static VectorCacheFile ForService(string? configured, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (configured is not null)
        {
            return string.Equals(configured.Trim(), Off, StringComparison.OrdinalIgnoreCase) ? None : At(configured);
        }

        var root = environment("XDG_CACHE_HOME");
        if (string.IsNullOrWhiteSpace(root))
        {
            var home = environment("HOME");
            root = string.IsNullOrWhiteSpace(home) ? Path.GetTempPath() : Path.Combine(home, ".cache");
        }

        return new(null, Path.Combine(root, "mangaassist"));
    }

    /// <summary>The file for vectors with this fingerprint, or null when nothing is cached.</summary>
    public string? PathFor(ReadOnlySpan<byte> fingerprint) =>
        _file ?? (_directory is null ? null : Path.Combine(_directory, $"document-vectors-{Convert.ToHexStringLower(fingerprint[..8])}.bin"));
}
