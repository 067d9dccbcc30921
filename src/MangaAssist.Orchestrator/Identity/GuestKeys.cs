using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace MangaAssist.Orchestrator.Identity;

/// <summary>
/// The key guest tokens are signed and checked with: from <c>Identity:Guests:SigningKeyPem</c> (shared by
/// every instance), or an ephemeral P-256 key in Development, whose tokens only this process accepts.
/// </summary>
public sealed class GuestKeys : IDisposable
{
    private readonly AsymmetricAlgorithm _key;

    private GuestKeys(AsymmetricAlgorithm key, bool isEphemeral)
    {
        _key = key;
        IsEphemeral = isEphemeral;
        (SigningCredentials, Algorithm) = key switch
        {
            ECDsa ec => (new SigningCredentials(new ECDsaSecurityKey(ec) { KeyId = KeyIdOf(ec.ExportSubjectPublicKeyInfo()) }, SecurityAlgorithms.EcdsaSha256), SecurityAlgorithms.EcdsaSha256),
            RSA rsa => (new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = KeyIdOf(rsa.ExportSubjectPublicKeyInfo()) }, SecurityAlgorithms.RsaSha256), SecurityAlgorithms.RsaSha256),
            _ => throw new ArgumentException("Guest keys are EC P-256 or RSA.", nameof(key)),
        };
    }

    public SigningCredentials SigningCredentials { get; }

    /// <summary>The one algorithm guest tokens are signed with (ES256 or RS256).</summary>
    public string Algorithm { get; }

    public SecurityKey ValidationKey => SigningCredentials.Key;

    public bool IsEphemeral { get; }

    /// <summary>Reads the PEM; an empty one gives an ephemeral key. Throws <see cref="ArgumentException"/> for anything but EC P-256 or RSA (2048 bits or more).</summary>
    public static GuestKeys FromPem(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return new GuestKeys(ECDsa.Create(ECCurve.NamedCurves.nistP256), isEphemeral: true);
        }

        if (pem.Contains("RSA", StringComparison.Ordinal) || !pem.Contains("EC", StringComparison.Ordinal))
        {
            var rsa = RSA.Create();
            try
            {
                rsa.ImportFromPem(pem);
                if (rsa.KeySize >= 2048)
                {
                    return new GuestKeys(rsa, isEphemeral: false);
                }
            }
            catch (CryptographicException)
            {
                // Not RSA after all; tried as EC below.
            }

            rsa.Dispose();
        }

        var ec = ECDsa.Create();
        try
        {
            ec.ImportFromPem(pem);
            if (ec.KeySize == 256)
            {
                return new GuestKeys(ec, isEphemeral: false);
            }
        }
        catch (CryptographicException)
        {
            // Reported below without the key's text.
        }

        ec.Dispose();
        throw new ArgumentException("Identity:Guests:SigningKeyPem is not an EC P-256 or RSA (2048+ bit) private key in PEM form.", nameof(pem));
    }

    public void Dispose() => _key.Dispose();

    // A kid from the public key: instances sharing the PEM agree on it, and it reveals nothing private.
    private static string KeyIdOf(byte[] publicKey) => System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(publicKey).AsSpan(0, 12));
}
