using System.Text;
using BenchmarkDotNet.Attributes;
using MangaAssist.Orchestrator.Hygiene;

namespace MangaAssist.Benchmarks;

/// <summary>The outbound sanitizer on every frame: the clean case (the hot path) and a payload that carries an embedding and debug data.</summary>
[ShortJob]
public class SanitizerBenchmarks
{
    private readonly OutboundSanitizer _sanitizer = new();
    private ReadOnlyMemory<byte> _delta;
    private ReadOnlyMemory<byte> _done;
    private ReadOnlyMemory<byte> _dirty;

    [GlobalSetup]
    public void Setup()
    {
        _delta = Encoding.UTF8.GetBytes("""{"type":"delta","requestId":"c-7f3a9","seq":17,"text":"おすすめは「葬送のフリーレン」です。\"Frieren\" is a fantasy manga."}""");
        _done = Encoding.UTF8.GetBytes("""{"type":"done","requestId":"c-7f3a9","seq":31,"stopReason":"end_turn","usage":{"inputTokens":812,"outputTokens":240},"cached":false,"model":"anthropic.claude-3-haiku-20240307-v1:0"}""");
        var vector = string.Join(",", Enumerable.Range(0, 1024).Select(i => (i * 0.001).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)));
        _dirty = Encoding.UTF8.GetBytes($$$"""{"type":"citations","requestId":"c-7f3a9","seq":7,"items":[{"id":"b-1","title":"t","url":"https://example.com","embedding":[{{{vector}}}]}],"debug":{"prompt":"system prompt"}}""");
    }

    [Benchmark]
    public int CleanDelta() => _sanitizer.Sanitize(_delta).Length;

    [Benchmark]
    public int CleanDone() => _sanitizer.Sanitize(_done).Length;

    [Benchmark]
    public int EmbeddingAndDebugRemoved() => _sanitizer.Sanitize(_dirty).Length;
}
