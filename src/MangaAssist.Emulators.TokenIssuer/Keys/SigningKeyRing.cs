using MangaAssist.Emulators.TokenIssuer.Configuration;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.TokenIssuer.Keys;

/// <summary>
/// The key that signs now plus the few it replaced. Retired keys stay published so tokens they signed keep
/// validating across a rotation, as a real issuer's JWKS does while old tokens are still alive.
/// </summary>
internal sealed class SigningKeyRing : IDisposable
{
    private readonly Lock _gate = new();
    private readonly int _retiredKept;
    private readonly List<SigningKey> _retired = [];
    private readonly List<SigningKey> _dropped = [];
    private SigningKey _current = SigningKey.Generate();

    public SigningKeyRing(IOptions<TokenIssuerOptions> options) => _retiredKept = options.Value.RetiredKeysPublished;

    public SigningKey Current => Volatile.Read(ref _current);

    /// <summary>The current key first, then the retired ones, newest first.</summary>
    public IReadOnlyList<SigningKey> Published
    {
        get
        {
            lock (_gate)
            {
                return [_current, .. _retired];
            }
        }
    }

    /// <summary>A new key signs from now on; the previous one joins the published retired keys.</summary>
    public SigningKey Rotate()
    {
        var next = SigningKey.Generate();
        lock (_gate)
        {
            _retired.Insert(0, _current);
            if (_retired.Count > _retiredKept)
            {
                // Not disposed yet: a request that read Current just before the rotation may still be signing with it.
                _dropped.Add(_retired[^1]);
                _retired.RemoveAt(_retired.Count - 1);
            }

            Volatile.Write(ref _current, next);
        }

        return next;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var key in _retired.Concat(_dropped).Append(_current))
            {
                key.Dispose();
            }
        }
    }
}
