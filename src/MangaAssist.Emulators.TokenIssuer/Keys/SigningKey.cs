using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace MangaAssist.Emulators.TokenIssuer.Keys;

/// <summary>One RSA key pair with its <c>kid</c> (the RFC 7638 thumbprint of its public half).</summary>
internal sealed class SigningKey : IDisposable
{
    private const int KeySizeBits = 2048;

    private readonly RSA _rsa;

    private SigningKey(RSA rsa)
    {
        _rsa = rsa;
        var publicParameters = rsa.ExportParameters(includePrivateParameters: false);
        var thumbprint = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(publicParameters)).ComputeJwkThumbprint();
        Kid = Base64UrlEncoder.Encode(thumbprint);
        Credentials = new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = Kid }, SecurityAlgorithms.RsaSha256);
        PublicJwk = new PublicJwk("RSA", "sig", SecurityAlgorithms.RsaSha256, Kid,
            Base64UrlEncoder.Encode(publicParameters.Modulus), Base64UrlEncoder.Encode(publicParameters.Exponent));
    }

    public string Kid { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>The public half as published in the JWKS; the private parameters never leave this class.</summary>
    public PublicJwk PublicJwk { get; }

    public static SigningKey Generate() => new(RSA.Create(KeySizeBits));

    public void Dispose() => _rsa.Dispose();
}
