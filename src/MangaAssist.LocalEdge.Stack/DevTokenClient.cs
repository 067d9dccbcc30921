using System.Net.Http.Json;
using System.Text.Json;

namespace MangaAssist.LocalEdge.Stack;

/// <summary>
/// Asks the development token issuer (<c>POST /tokens</c>) for a shopper's token, as a sign-in page would before it
/// opens the chat socket. One instance per issuer; safe to call concurrently.
/// </summary>
public sealed class DevTokenClient : IDisposable
{
    private readonly HttpClient _http;

    public DevTokenClient(Uri issuerUrl)
    {
        ArgumentNullException.ThrowIfNull(issuerUrl);
        _http = new HttpClient { BaseAddress = new Uri(issuerUrl.ToString().TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>A signed-in shopper's token; the same subject is the same principal to the service.</summary>
    public Task<string> IssueTokenAsync(string subject, CancellationToken cancellationToken = default) =>
        RequestAsync(new Dictionary<string, object> { ["sub"] = subject }, cancellationToken);

    /// <summary>A token for <paramref name="subject"/> that lives <paramref name="lifetime"/> (whole seconds).</summary>
    public Task<string> IssueTokenAsync(string subject, TimeSpan lifetime, CancellationToken cancellationToken = default) =>
        RequestAsync(new Dictionary<string, object> { ["sub"] = subject, ["ttlSeconds"] = (int)lifetime.TotalSeconds }, cancellationToken);

    /// <summary>A guest's token; the issuer picks a fresh <c>guest-…</c> subject each time.</summary>
    public Task<string> IssueGuestTokenAsync(CancellationToken cancellationToken = default) =>
        RequestAsync(new Dictionary<string, object> { ["guest"] = true }, cancellationToken);

    private async Task<string> RequestAsync(Dictionary<string, object> body, CancellationToken cancellationToken)
    {
        using var response = await _http.PostAsJsonAsync("tokens", body, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            // The issuer's ProblemDetails names the broken rule; it never echoes a token.
            throw new HttpRequestException(
                $"The token issuer answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}",
                inner: null,
                response.StatusCode);
        }

        var answer = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        return answer.GetProperty("token").GetString()
            ?? throw new HttpRequestException("The token issuer answered without a token.");
    }

    public void Dispose() => _http.Dispose();
}
