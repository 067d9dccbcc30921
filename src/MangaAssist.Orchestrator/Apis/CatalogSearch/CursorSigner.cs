using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Apis.CatalogSearch;

/// <summary>
/// Seals and opens page cursors: an HMAC-SHA256 over the cursor, base64url. Clients see an opaque string; a
/// changed byte, another key's cursor, another query's cursor or an expired one does not open.
/// </summary>
internal sealed class CursorSigner
{
    private const int MacBytes = 32;

    private readonly byte[]? _key;
    private readonly TimeProvider _time;
    private readonly TimeSpan _lifetime;
    private readonly ILogger _logger;

    public CursorSigner(IOptions<CatalogSearchOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<CursorSigner> logger)
    {
        var configured = options.Value.CursorKey;
        // Development may go without a key: cursors then only work on the instance that made them.
        _key = configured is not null ? Encoding.UTF8.GetBytes(configured) : environment.IsDevelopment() ? RandomNumberGenerator.GetBytes(32) : null;
        _time = time;
        _lifetime = options.Value.CursorLifetime;
        _logger = logger;
        if (configured is null)
        {
            // Said once, when the first search builds the signer.
            if (_key is null)
            {
                Log.CursorKeyMissing(logger);
            }
            else
            {
                Log.EphemeralCursorKey(logger);
            }
        }
    }

    /// <summary>False outside Development without <see cref="CatalogSearchOptions.CursorKey"/>: the search cannot page.</summary>
    public bool IsConfigured => _key is not null;

    /// <summary>A short fingerprint of the query the cursor is bound to (keyed, so it says nothing about the text).</summary>
    public byte[] QueryHash(string query) => HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes("q:" + query))[..SearchCursor.QueryHashBytes];

    public string Seal(string query, double lastScore, string lastId)
    {
        var payload = new SearchCursor(QueryHash(query), lastScore, lastId, _time.GetUtcNow() + _lifetime).ToPayload();
        var sealedBytes = new byte[payload.Length + MacBytes];
        payload.CopyTo(sealedBytes, 0);
        HMACSHA256.HashData(Key, payload, sealedBytes.AsSpan(payload.Length));
        return Base64Url.EncodeToString(sealedBytes);
    }

    /// <summary>The cursor, or null when it is not one of ours, was altered, belongs to another query or has expired.</summary>
    public SearchCursor? Open(string cursor, string query)
    {
        var opened = TryOpen(cursor, query);
        if (opened is null)
        {
            Log.CursorRefused(_logger);
        }

        return opened;
    }

    private SearchCursor? TryOpen(string cursor, string query)
    {
        if (cursor.Length > 512 || !Base64Url.IsValid(cursor))
        {
            return null;
        }

        var bytes = Base64Url.DecodeFromChars(cursor);
        if (bytes.Length <= MacBytes)
        {
            return null;
        }

        var payload = bytes.AsSpan(0, bytes.Length - MacBytes);
        Span<byte> expected = stackalloc byte[MacBytes];
        HMACSHA256.HashData(Key, payload, expected);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(bytes.Length - MacBytes)))
        {
            return null;
        }

        var opened = SearchCursor.FromPayload(payload);
        return opened is not null
            && CryptographicOperations.FixedTimeEquals(opened.QueryHash, QueryHash(query))
            && opened.ExpiresAt > _time.GetUtcNow()
            ? opened
            : null;
    }

    private byte[] Key => _key ?? throw new InvalidOperationException("CatalogSearch:CursorKey is not set.");
}
