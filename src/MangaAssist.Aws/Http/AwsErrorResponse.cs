using System.Buffers;
using System.Text.Json;

namespace MangaAssist.Aws.Http;

/// <summary>An AWS JSON-protocol error answer, reduced to what callers act on.</summary>
/// <param name="StatusCode">HTTP status.</param>
/// <param name="ErrorType">Shape name (for example <c>ThrottlingException</c>), from <c>x-amzn-ErrorType</c> or the body's <c>__type</c>/<c>code</c>.</param>
/// <param name="Message">The error message AWS sent, if any.</param>
/// <param name="RequestId">Value of <c>x-amzn-RequestId</c>.</param>
/// <param name="RetryAfter">From a <c>Retry-After</c> header when present.</param>
internal sealed record AwsErrorResponse(int StatusCode, string? ErrorType, string? Message, string? RequestId, TimeSpan? RetryAfter)
{
    private const int MaxBodyBytes = 64 * 1024;

    public static async ValueTask<AwsErrorResponse> ReadAsync(HttpResponseMessage response, TimeProvider time, CancellationToken cancellationToken)
    {
        var headerType = response.Headers.TryGetValues("x-amzn-ErrorType", out var types) ? types.FirstOrDefault() : null;
        var buffer = ArrayPool<byte>.Shared.Rent(4096);
        try
        {
            var length = 0;
            try
            {
                await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
                while (length < MaxBodyBytes)
                {
                    if (length == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                        buffer.AsSpan(0, length).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }

                    var read = await stream.ReadAsync(buffer.AsMemory(length, Math.Min(buffer.Length, MaxBodyBytes) - length), cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    length += read;
                }
            }
            catch (Exception exception) when (exception is IOException or HttpRequestException)
            {
                // The status line and headers already say enough; a broken error body is not worth more.
            }

            var (bodyType, message) = ParseBody(buffer.AsSpan(0, length));
            return new AwsErrorResponse(
                (int)response.StatusCode,
                NormalizeErrorType(headerType) ?? NormalizeErrorType(bodyType),
                message,
                RequestIdOf(response),
                RetryAfterOf(response, time));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static string? RequestIdOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-RequestId", out var ids) ? ids.FirstOrDefault()
        : response.Headers.TryGetValues("x-amz-request-id", out ids) ? ids.FirstOrDefault()
        : null;

    public static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time)
    {
        var retryAfter = response.Headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return delta;
        }

        if (retryAfter?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }

    /// <summary><c>ThrottlingException:http://internal.amazon.com/…</c> and <c>com.amazonaws.bedrock#ThrottlingException</c> both become <c>ThrottlingException</c>.</summary>
    public static string? NormalizeErrorType(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var span = raw.AsSpan().Trim();
        var colon = span.IndexOf(':');
        if (colon >= 0)
        {
            span = span[..colon];
        }

        var hash = span.LastIndexOf('#');
        if (hash >= 0)
        {
            span = span[(hash + 1)..];
        }

        return span.IsEmpty ? null : span.ToString();
    }

    private static (string? Type, string? Message) ParseBody(ReadOnlySpan<byte> body)
    {
        string? type = null;
        string? message = null;
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return (null, null);
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isType = reader.ValueTextEquals("__type"u8) || reader.ValueTextEquals("code"u8) || reader.ValueTextEquals("Code"u8);
                var isMessage = reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("Message"u8);
                reader.Read();
                if (reader.TokenType == JsonTokenType.String && (isType || isMessage))
                {
                    if (isType)
                    {
                        type ??= reader.GetString();
                    }
                    else
                    {
                        message ??= reader.GetString();
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            // Not JSON (a proxy's HTML page, a truncated body): keep what was read.
        }

        return (type, message);
    }
}
