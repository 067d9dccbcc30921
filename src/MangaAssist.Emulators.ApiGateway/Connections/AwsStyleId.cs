using System.Security.Cryptography;

namespace MangaAssist.Emulators.ApiGateway.Connections;

/// <summary>
/// Ids shaped like API Gateway's connection and request ids: 11 random bytes as 16 base64 characters ending in
/// one '=' (e.g. <c>L0SM9cOFvHcCIhw=</c>). The URL-safe alphabet keeps '/' and '+' out of @connections paths.
/// </summary>
internal static class AwsStyleId
{
    private const int ByteCount = 11;

    public static string New()
    {
        Span<byte> bytes = stackalloc byte[ByteCount];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).Replace('+', '-').Replace('/', '_');
    }
}
