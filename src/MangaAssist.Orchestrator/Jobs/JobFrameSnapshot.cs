using System.Text;
using System.Text.Json;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.Orchestrator.Jobs;

/// <summary>
/// What a job's frame log holds when a runner takes the job over: the text delivered so far (the continuation
/// starts from it), the next seq, and the terminal frame when the previous runner got that far.
/// </summary>
public sealed record JobFrameSnapshot(string Text, long NextSeq, string? TerminalType, string? ErrorCode)
{
    /// <summary>How long the log may stay quiet before the stored frames count as all there is (the writer is gone).</summary>
    public static readonly TimeSpan QuietPeriod = TimeSpan.FromMilliseconds(300);

    public static JobFrameSnapshot Empty { get; } = new("", 0, null, null);

    /// <summary>What the log's <c>citations</c> frame carried (a log that ends in <c>done</c> is recorded with them).</summary>
    public IReadOnlyList<AnswerCitation> Citations { get; init; } = [];

    public static async Task<JobFrameSnapshot> ReadAsync(IFrameLog log, string logKey, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        long nextSeq = 0;
        IReadOnlyList<AnswerCitation> citations = [];
        using var quiet = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var timer = timeProvider.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), quiet, QuietPeriod, Timeout.InfiniteTimeSpan);
        try
        {
            await foreach (var frame in log.ReadAfterAsync(logKey, -1, quiet.Token))
            {
                timer.Change(QuietPeriod, Timeout.InfiniteTimeSpan);
                nextSeq = frame.Seq + 1;
                using var json = JsonDocument.Parse(frame.Frame);
                var type = json.RootElement.GetProperty("type").GetString();
                if (type == "delta")
                {
                    text.Append(json.RootElement.GetProperty("text").GetString());
                }
                else if (type == "citations")
                {
                    citations = CitationsOf(json.RootElement);
                }
                else if (frame.IsTerminal)
                {
                    var code = json.RootElement.TryGetProperty("code", out var c) ? c.GetString() : null;
                    return new JobFrameSnapshot(text.ToString(), nextSeq, type, code) { Citations = citations };
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Quiet: everything stored has been read.
        }
        catch (FrameLogReadException failure) when (failure.Failure is FrameLogReadFailure.NotFound or FrameLogReadFailure.WriterSilent)
        {
            // No log yet, or one whose writer died: what was read is all there is.
        }

        return new JobFrameSnapshot(text.ToString(), nextSeq, null, null);
    }

    private static AnswerCitation[] CitationsOf(JsonElement frame) =>
    [
        .. frame.GetProperty("items").EnumerateArray().Select(item => new AnswerCitation(
            item.GetProperty("id").GetString() ?? "",
            item.GetProperty("title").GetString() ?? "",
            item.GetProperty("url").GetString() ?? "",
            item.TryGetProperty("japaneseTitle", out var japanese) ? japanese.GetString() : null,
            item.TryGetProperty("priceJpy", out var price) ? price.GetInt32() : null)),
    ];
}
