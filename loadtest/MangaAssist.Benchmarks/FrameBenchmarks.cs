using System.Buffers;
using BenchmarkDotNet.Attributes;
using MangaAssist.Orchestrator.Protocol;

namespace MangaAssist.Benchmarks;

/// <summary>Writing service frames: a typical coalesced delta, the terminal frame, and splitting long text to the 32 KB limit.</summary>
[ShortJob]
public class FrameBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly MangaAssist.SharedState.ResponseCache.AnswerUsage _usage = new(812, 240);
    private string _delta = "";
    private string _longText = "";

    [GlobalSetup]
    public void Setup()
    {
        _delta = string.Concat(Enumerable.Repeat("おすすめは「葬送のフリーレン」です。\"Frieren\" ", 4));
        _longText = string.Concat(Enumerable.Repeat("少年漫画の物語構成を分析します。\n\"pacing\" and arcs, ", 1500));
    }

    /// <summary>One coalesced delta (about 2 flush intervals of Japanese and English text).</summary>
    [Benchmark]
    public int WriteDelta()
    {
        _buffer.ResetWrittenCount();
        FrameSerializer.WriteDelta(_buffer, "c-7f3a9", 17, _delta);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public int WriteDone()
    {
        _buffer.ResetWrittenCount();
        FrameSerializer.WriteDone(_buffer, "c-7f3a9", 31, "end_turn", _usage, cached: false, "anthropic.claude-3-haiku-20240307-v1:0");
        return _buffer.WrittenCount;
    }

    /// <summary>About 90 KB of text split into frames of at most 32 KB and written, as ClientFrameStream does.</summary>
    [Benchmark]
    public int SplitAndWriteLongText()
    {
        var offset = 0;
        long seq = 1;
        var frames = 0;
        while (offset < _longText.Length)
        {
            var budget = FrameSerializer.MaxFrameBytes - FrameSerializer.DeltaEnvelopeBytes("c-7f3a9", seq);
            var length = DeltaTextSplitter.FittingPrefixLength(_longText.AsSpan(offset), budget);
            _buffer.ResetWrittenCount();
            FrameSerializer.WriteDelta(_buffer, "c-7f3a9", seq++, _longText.AsSpan(offset, length));
            offset += length;
            frames++;
        }

        return frames;
    }

    [Benchmark]
    public int EscapedLengthOfDelta() => JsonText.EscapedLength(_delta);
}
