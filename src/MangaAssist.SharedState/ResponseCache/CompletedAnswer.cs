namespace MangaAssist.SharedState.ResponseCache;

/// <summary>
/// A finished answer: the whole text and how the model ended it. There is no way to make one from a
/// stream that broke, so a partial answer can't reach the cache or a flight's followers as a completion.
/// </summary>
public sealed record CompletedAnswer
{
    /// <summary>Bedrock's stop reason of an answer that ended normally; the only one the response cache keeps.</summary>
    public const string EndTurn = "end_turn";

    public CompletedAnswer(string text, string model, string stopReason, AnswerUsage usage, IReadOnlyList<AnswerCitation>? citations = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(stopReason);
        Text = text;
        Model = model;
        StopReason = stopReason;
        Usage = usage;
        Citations = citations ?? [];
    }

    public string Text { get; }

    /// <summary>The model that answered.</summary>
    public string Model { get; }

    /// <summary>Bedrock's value: <c>end_turn</c>, <c>max_tokens</c>, <c>stop_sequence</c>, …</summary>
    public string StopReason { get; }

    public AnswerUsage Usage { get; }

    public IReadOnlyList<AnswerCitation> Citations { get; }

    /// <summary>Only answers the model ended itself (<c>end_turn</c>) are worth replaying to someone else.</summary>
    public bool IsCacheable => StopReason == EndTurn;

    public bool Equals(CompletedAnswer? other) =>
        other is not null
        && Text == other.Text
        && Model == other.Model
        && StopReason == other.StopReason
        && Usage == other.Usage
        && Citations.SequenceEqual(other.Citations);

    public override int GetHashCode() => HashCode.Combine(Text, Model, StopReason, Usage, Citations.Count);
}

/// <summary>Tokens the model read and wrote for an answer; prompt-cache tokens and the price when the model call reported them.</summary>
public readonly record struct AnswerUsage(int InputTokens, int OutputTokens)
{
    public int CacheReadInputTokens { get; init; }

    public int CacheWriteInputTokens { get; init; }

    /// <summary>The answer's price in <see cref="Currency"/>; null when unknown (or nothing was paid, as for a cache replay).</summary>
    public decimal? Cost { get; init; }

    public string? Currency { get; init; }
}

/// <summary>A catalog item the answer cites, as the client shows it (Japanese title and price when the catalog has them).</summary>
public sealed record AnswerCitation(string Id, string Title, string Url, string? JapaneseTitle = null, int? PriceJpy = null);
