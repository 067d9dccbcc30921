using System.Net;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.LocalEdge.Stack;
using MangaAssist.Orchestrator.Identity;
using MangaAssist.Orchestrator.Kernel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>Shoppers with tokens: sockets opened with <c>?token=</c>, and tokens bent the ways a forger would.</summary>
internal static class IdentityEdge
{
    /// <summary>The issuer the stack's service trusts, as it was configured (<c>Identity:Authority</c>).</summary>
    public static Uri IssuerOf(EdgeStack stack) =>
        stack.ServiceServices.GetRequiredService<IOptions<IdentityOptions>>().Value.Authority!;

    /// <summary>A client of the stack's development issuer.</summary>
    public static DevTokenClient Tokens(EdgeStack stack) => new(IssuerOf(stack));

    /// <summary>The principal the service makes of the stack issuer's token for <paramref name="subject"/>.</summary>
    public static ShopperPrincipal PrincipalOf(EdgeStack stack, string subject) =>
        ShopperPrincipal.For(IssuerOf(stack).OriginalString.TrimEnd('/'), subject, isGuest: false);

    /// <summary>Where a client of <paramref name="instance"/>'s gateway connects.</summary>
    public static Uri WebSocketUrlOf(EdgeInstance instance) => new($"ws://{instance.GatewayUrl.Authority}/");

    public static Uri WithToken(Uri webSocketUrl, string token) =>
        new UriBuilder(webSocketUrl) { Query = "token=" + Uri.EscapeDataString(token) }.Uri;

    public static async Task<ChatSocket> ConnectAsync(Uri webSocketUrl, string token)
    {
        var socket = new ChatSocket();
        await socket.ConnectAsync(WithToken(webSocketUrl, token));
        return socket;
    }

    /// <summary>The status the upgrade was refused with, or null when the socket opened.</summary>
    public static async Task<HttpStatusCode?> UpgradeStatusAsync(Uri webSocketUrl, string? token)
    {
        using var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(token is null ? webSocketUrl : WithToken(webSocketUrl, token), CancellationToken.None);
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
            return null;
        }
        catch (WebSocketException)
        {
            return socket.HttpStatusCode;
        }
    }

    /// <summary>The token with its payload replaced (the signature no longer matches).</summary>
    public static string WithPayload(string token, Func<Dictionary<string, JsonElement>, Dictionary<string, object>> change)
    {
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64Url.DecodeFromChars(parts[1]))!;
        return $"{parts[0]}.{Encode(change(payload))}.{parts[2]}";
    }

    /// <summary>The token's claims under another header, signed with <paramref name="sign"/> (empty signature when null).</summary>
    public static string Resigned(string token, object header, Func<byte[], byte[]>? sign)
    {
        var payload = token.Split('.')[1];
        var unsigned = Encode(header) + "." + payload;
        return unsigned + "." + (sign is null ? "" : Base64Url.EncodeToString(sign(Encoding.ASCII.GetBytes(unsigned))));
    }

    /// <summary>The token's claims (with <paramref name="change"/>) signed RS256 by a key nobody trusts.</summary>
    public static string SignedByStranger(string token, Func<Dictionary<string, JsonElement>, Dictionary<string, object>> change)
    {
        using var rsa = RSA.Create(2048);
        var header = new { alg = "RS256", typ = "JWT", kid = "stranger" };
        var unsigned = Encode(header) + "." + Encode(change(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64Url.DecodeFromChars(token.Split('.')[1]))!));
        return unsigned + "." + Base64Url.EncodeToString(rsa.SignData(Encoding.ASCII.GetBytes(unsigned), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    public static Dictionary<string, object> Claims(Dictionary<string, JsonElement> payload, params (string Name, object Value)[] changes)
    {
        var claims = payload.ToDictionary(kv => kv.Key, kv => (object)kv.Value);
        foreach (var (name, value) in changes)
        {
            claims[name] = value;
        }

        return claims;
    }

    public static string Kid(string token) =>
        JsonDocument.Parse(Base64Url.DecodeFromChars(token.Split('.')[0])).RootElement.GetProperty("kid").GetString()!;

    /// <summary>Waits briefly for a log line: the service logs before it answers, but the gateway's refusal may race it.</summary>
    public static async Task ShouldLogAsync(CapturedLogs logs, Func<CapturedLogs.CapturedLine, bool> match)
    {
        for (var waited = 0; waited < 50 && !logs.Lines.Any(match); waited++)
        {
            await Task.Delay(100);
        }

        logs.Lines.Any(match).ShouldBeTrue("the expected log line never came");
    }

    private static string Encode(object value) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value));

    private static class Base64Url
    {
        public static string EncodeToString(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);

        public static byte[] DecodeFromChars(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);
    }
}
