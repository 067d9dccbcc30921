using Shouldly;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace MangaAssist.EndToEnd.Tests.Analyses;

/// <summary>A REST caller of <c>/v1/analyses</c> on one service, as one principal.</summary>
public sealed class AnalysesClient(HttpClient http, Uri serviceUrl, string token)
{
    public async Task<HttpResponseMessage> SubmitAsync(object body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(serviceUrl, "/v1/analyses")) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return await http.SendAsync(request);
    }

    public async Task<string> SubmitIdAsync(string sessionId, string message)
    {
        using var response = await SubmitAsync(new { sessionId, message });
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public async Task<HttpResponseMessage> GetAsync(string id, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(serviceUrl, "/v1/analyses/" + id));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await http.SendAsync(request);
    }

    public async Task<HttpResponseMessage> CancelAsync(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri(serviceUrl, "/v1/analyses/" + id));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await http.SendAsync(request);
    }

    /// <summary>
    /// The job's view. A 503 (shared state briefly unavailable) is asked again after its Retry-After, a few times, as
    /// the API tells a poller to; any other status fails.
    /// </summary>
    public async Task<JsonElement> StatusAsync(string id)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await GetAsync(id);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable && attempt < 5)
            {
                await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                continue;
            }

            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }

    /// <summary>Polls until the job is in a terminal status (or <paramref name="until"/> holds) and returns that view.</summary>
    public async Task<JsonElement> PollAsync(string id, Func<JsonElement, bool>? until = null, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var view = await StatusAsync(id);
            var status = view.GetProperty("status").GetString();
            if (until?.Invoke(view) ?? status is "succeeded" or "failed" or "cancelled")
            {
                return view;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Job {id} still {status}: {view}");
            }

            await Task.Delay(50);
        }
    }
}
