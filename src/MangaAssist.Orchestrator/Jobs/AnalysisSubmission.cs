namespace MangaAssist.Orchestrator.Jobs;

/// <summary>The body of <c>POST /v1/analyses</c>.</summary>
public sealed record AnalysisSubmission(string? SessionId, string? Message, string? IdempotencyKey)
{
    /// <summary>Longest idempotency key accepted.</summary>
    public const int MaxIdempotencyKeyChars = 255;

    /// <summary>What is wrong with it, or null when it can be accepted.</summary>
    public string? Problem(int maxIdChars, int maxMessageChars, string? headerKey)
    {
        if (string.IsNullOrEmpty(SessionId) || SessionId.Length > maxIdChars || SessionId.AsSpan().ContainsAnyInRange('\0', '\u001f'))
        {
            return $"\"sessionId\" is required: 1 to {maxIdChars} characters, no control characters.";
        }

        if (string.IsNullOrWhiteSpace(Message) || Message.Length > maxMessageChars)
        {
            return $"\"message\" is required: 1 to {maxMessageChars} characters.";
        }

        if (headerKey is not null && IdempotencyKey is not null && headerKey != IdempotencyKey)
        {
            return "The Idempotency-Key header and \"idempotencyKey\" differ; send one of them.";
        }

        var key = headerKey ?? IdempotencyKey;
        return key is not null && (key.Length is 0 or > MaxIdempotencyKeyChars || key.Any(c => c is < '!' or > '~'))
            ? $"An idempotency key is 1 to {MaxIdempotencyKeyChars} printable ASCII characters."
            : null;
    }
}
