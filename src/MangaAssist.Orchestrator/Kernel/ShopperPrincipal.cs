using System.Security.Cryptography;
using System.Text;

namespace MangaAssist.Orchestrator.Kernel;

/// <summary>
/// Who a connection belongs to: an opaque id derived from the token's issuer and subject, so neither
/// the raw subject nor an e-mail ever reaches a Redis key or a log line.
/// </summary>
/// <param name="Id"><c>u_</c> (signed-in user) or <c>g_</c> (guest) and 22 base64url characters.</param>
public sealed record ShopperPrincipal(string Id)
{
    private const int HashChars = 22;

    public bool IsGuest => Id.StartsWith(GuestPrefix, StringComparison.Ordinal);

    private const string UserPrefix = "u_";
    private const string GuestPrefix = "g_";

    /// <summary>The principal of a validated token: the same issuer and subject give the same id on every instance.</summary>
    public static ShopperPrincipal For(string issuer, string subject, bool isGuest)
    {
        ArgumentException.ThrowIfNullOrEmpty(issuer);
        ArgumentException.ThrowIfNullOrEmpty(subject);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(issuer + "\n" + subject));
        return new((isGuest ? GuestPrefix : UserPrefix) + System.Buffers.Text.Base64Url.EncodeToString(digest)[..HashChars]);
    }

    /// <summary>A principal id read back from shared state; null when it is not one this type makes.</summary>
    public static ShopperPrincipal? FromId(string? id) =>
        id is { Length: HashChars + 2 } && (id.StartsWith(UserPrefix, StringComparison.Ordinal) || id.StartsWith(GuestPrefix, StringComparison.Ordinal))
            && id.AsSpan(2).ContainsAnyExcept(Base64UrlChars) is false
            ? new(id)
            : null;

    public override string ToString() => Id;

    private static readonly System.Buffers.SearchValues<char> Base64UrlChars =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");
}
