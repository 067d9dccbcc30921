using System.Text;
using System.Text.Json;

namespace MangaAssist.LoadTest.Peers;

/// <summary>
/// Folds the <c>data:</c> lines of an OpenAI-style chat-completion stream into one answer: content deltas are
/// concatenated, the first one's arrival is the first token, a <c>finish_reason</c> followed by <c>[DONE]</c> ends it,
/// an <c>error</c> object ends it as an error.
/// </summary>
internal sealed class SseAnswerReader
{
    private readonly StringBuilder _text = new();
    private long? _firstDeltaAt;
    private string? _finishReason;
    private string? _errorCode;
    private bool _done;
    private int _chunks;

    /// <summary>Takes one line of the stream; true when the stream is over.</summary>
    public bool Accept(string line, long receivedAt)
    {
        if (!line.StartsWith("data:", StringComparison.Ordinal))
        {
            return false;
        }

        var data = line.AsSpan(5).Trim();
        if (data.SequenceEqual("[DONE]"))
        {
            _done = true;
            return true;
        }

        _chunks++;
        try
        {
            using var json = JsonDocument.Parse(data.ToString());
            var root = json.RootElement;
            if (root.TryGetProperty("error", out var error))
            {
                _errorCode = error.ValueKind == JsonValueKind.Object && error.TryGetProperty("type", out var type) ? type.ToString() : "error";
                return true;
            }

            if (!root.TryGetProperty("choices", out var choices) || choices.ValueKind != JsonValueKind.Array)
            {
                return false;
            }

            foreach (var choice in choices.EnumerateArray())
            {
                if (choice.TryGetProperty("delta", out var delta) && delta.TryGetProperty("content", out var content)
                    && content.ValueKind == JsonValueKind.String && content.GetString() is { Length: > 0 } piece)
                {
                    _firstDeltaAt ??= receivedAt;
                    _text.Append(piece);
                }

                if (choice.TryGetProperty("finish_reason", out var finish) && finish.ValueKind == JsonValueKind.String)
                {
                    _finishReason = finish.GetString();
                }
            }
        }
        catch (JsonException)
        {
            _errorCode = "malformed_chunk";
            return true;
        }

        return false;
    }

    /// <summary>The answer so far: <c>done</c> only with a finish reason and <c>[DONE]</c>.</summary>
    public StreamedAnswer Answer(long sentAt, long? endAt)
    {
        var terminal = _errorCode is not null ? StreamedAnswer.Error
            : _done && _finishReason is not null ? StreamedAnswer.Done
            : StreamedAnswer.Abandoned;
        return new StreamedAnswer(sentAt, _firstDeltaAt, endAt, terminal, _errorCode ?? (terminal == StreamedAnswer.Abandoned ? "no_finish" : null), _text.ToString(), _chunks);
    }
}
