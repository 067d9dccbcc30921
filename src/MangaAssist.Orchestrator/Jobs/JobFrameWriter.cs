using System.Buffers;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.Orchestrator.Jobs;

/// <summary>
/// Writes a job's frames to its frame log, numbered on from <paramref name="nextSeq"/> and split to the frame
/// limit. The log is the job's output: pollers, sockets and a take-over read it. An append that finds its seq
/// taken means another runner writes this job now, so this one is fenced off and stops.
/// </summary>
public sealed class JobFrameWriter(IFrameLog log, string logKey, string requestId, string jobId, long nextSeq, int maxFrameBytes)
{
    private static readonly System.Text.Json.JsonWriterOptions StartOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ArrayBufferWriter<byte> _buffer = new(512);

    public long NextSeq { get; private set; } = nextSeq;

    /// <summary>Whether the log refused a frame: nothing more may be written by this runner.</summary>
    public bool Fenced { get; private set; }

    /// <summary>The <c>start</c> frame, which also names the job: another connection can <c>attach</c> to it.</summary>
    public Task<bool> StartAsync(string model)
    {
        _buffer.ResetWrittenCount();
        using (var json = new System.Text.Json.Utf8JsonWriter(_buffer, StartOptions))
        {
            json.WriteStartObject();
            json.WriteString("type"u8, "start");
            json.WriteString("requestId"u8, requestId);
            json.WriteNumber("seq"u8, NextSeq);
            json.WriteString("model"u8, model);
            json.WriteString("jobId"u8, jobId);
            json.WriteEndObject();
        }

        return AppendAsync(isTerminal: false);
    }

    public async Task<bool> DeltaAsync(string text)
    {
        var offset = 0;
        while (offset < text.Length && !Fenced)
        {
            var budget = maxFrameBytes - FrameSerializer.DeltaEnvelopeBytes(requestId, NextSeq);
            var length = DeltaTextSplitter.FittingPrefixLength(text.AsSpan(offset), budget);
            _buffer.ResetWrittenCount();
            FrameSerializer.WriteDelta(_buffer, requestId, NextSeq, text.AsSpan(offset, length));
            await AppendAsync(isTerminal: false);
            offset += length;
        }

        return !Fenced;
    }

    /// <summary>The <c>citations</c> frame, before <c>done</c> as in a chat answer; nothing to write for none.</summary>
    public Task<bool> CitationsAsync(IReadOnlyList<AnswerCitation> citations)
    {
        if (citations.Count == 0)
        {
            return Task.FromResult(!Fenced);
        }

        _buffer.ResetWrittenCount();
        FrameSerializer.WriteCitations(_buffer, requestId, NextSeq, citations);
        return AppendAsync(isTerminal: false);
    }

    public Task<bool> DoneAsync(string stopReason, AnswerUsage usage, string model)
    {
        _buffer.ResetWrittenCount();
        FrameSerializer.WriteDone(_buffer, requestId, NextSeq, stopReason, usage, cached: false, model);
        return AppendAsync(isTerminal: true);
    }

    public Task<bool> ErrorAsync(ErrorFrame error, bool partial)
    {
        _buffer.ResetWrittenCount();
        FrameSerializer.WriteError(_buffer, requestId, NextSeq, error with { Partial = error.Partial || partial });
        return AppendAsync(isTerminal: true);
    }

    private async Task<bool> AppendAsync(bool isTerminal)
    {
        if (Fenced)
        {
            return false;
        }

        var result = await log.AppendAsync(logKey, NextSeq, _buffer.WrittenMemory, isTerminal);
        if (result != FrameAppendResult.Appended)
        {
            Fenced = true;
            return false;
        }

        NextSeq++;
        return true;
    }
}
