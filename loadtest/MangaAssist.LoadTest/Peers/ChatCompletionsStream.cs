using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace MangaAssist.LoadTest.Peers;

/// <summary>
/// A streaming <c>POST /v1/chat/completions</c> (<c>stream: true</c>) through Portkey to Bedrock at a custom host,
/// read as server-sent events: the first chunk with content is the first token; <c>data: [DONE]</c> after a
/// <c>finish_reason</c> is a complete answer. The emulator accepts any SigV4 header, so the credentials are dummies.
/// </summary>
internal static class ChatCompletionsStream
{
    public const string ModelId = "anthropic.claude-3-haiku-20240307-v1:0";

    /// <summary>One client for all streams: no limit on connections per server, as a fleet of clients would have none.</summary>
    public static HttpClient CreateClient() => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = int.MaxValue,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    })
    { Timeout = Timeout.InfiniteTimeSpan };

    public static HttpRequestMessage Request(Uri portkey, Uri bedrock, string question)
    {
        var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartObject();
            json.WriteString("model", ModelId);
            json.WriteBoolean("stream", true);
            json.WriteStartArray("messages");
            json.WriteStartObject();
            json.WriteString("role", "user");
            json.WriteString("content", question);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(portkey, "/v1/chat/completions"))
        {
            Content = new ByteArrayContent(body.ToArray()) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        };
        request.Headers.Add("x-portkey-provider", "bedrock");
        request.Headers.Add("x-portkey-custom-host", bedrock.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("x-portkey-aws-region", "us-east-1");
        request.Headers.Add("x-portkey-aws-access-key-id", "AKIDPEERPORTKEY");
        request.Headers.Add("x-portkey-aws-secret-access-key", "peer-portkey-dummy-secret");
        return request;
    }

    /// <summary>Sends one question and reads its stream to the end (or until <paramref name="timeout"/> / <paramref name="giveUp"/>).</summary>
    public static async Task<StreamedAnswer> AskAsync(HttpClient http, Uri portkey, Uri bedrock, string question, TimeSpan timeout, CancellationToken giveUp)
    {
        using var request = Request(portkey, bedrock, question);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(giveUp);
        limit.CancelAfter(timeout);
        var sent = Stopwatch.GetTimestamp();
        var reader = new SseAnswerReader();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            if (!response.IsSuccessStatusCode)
            {
                await response.Content.CopyToAsync(Stream.Null, limit.Token);
                return new StreamedAnswer(sent, null, Stopwatch.GetTimestamp(), StreamedAnswer.Error,
                    ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), "", 0);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(limit.Token);
            using var lines = new StreamReader(stream, Encoding.UTF8);
            while (await lines.ReadLineAsync(limit.Token) is { } line)
            {
                if (reader.Accept(line, Stopwatch.GetTimestamp()))
                {
                    break;
                }
            }

            return reader.Answer(sent, Stopwatch.GetTimestamp());
        }
        catch (OperationCanceledException) when (giveUp.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or OperationCanceledException)
        {
            return reader.Answer(sent, null) with { Terminal = StreamedAnswer.Abandoned, ErrorCode = exception.GetType().Name };
        }
    }
}
