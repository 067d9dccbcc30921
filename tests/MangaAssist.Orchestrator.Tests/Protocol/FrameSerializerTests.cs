using System.Buffers;
using System.Text;
using System.Text.Json;
using MangaAssist.Orchestrator.Protocol;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.Orchestrator.Tests.Support;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Protocol;

public sealed class FrameSerializerTests
{
    [Fact]
    public void WriteDelta_RandomText_RoundTripsThroughAJsonParserAndMatchesTheSizeModel()
    {
        var random = new Random(20261121);
        for (var i = 0; i < 2000; i++)
        {
            var text = RandomText.Next(random, 40);
            var requestId = RandomText.Next(random, 3) + "r";
            var seq = random.NextInt64(0, 10_000_000);
            var buffer = new ArrayBufferWriter<byte>();

            FrameSerializer.WriteDelta(buffer, requestId, seq, text);

            using var json = JsonDocument.Parse(buffer.WrittenMemory);
            json.RootElement.GetProperty("type").GetString().ShouldBe("delta");
            json.RootElement.GetProperty("requestId").GetString().ShouldBe(requestId);
            json.RootElement.GetProperty("seq").GetInt64().ShouldBe(seq);
            json.RootElement.GetProperty("text").GetString().ShouldBe(text);
            buffer.WrittenCount.ShouldBe(FrameSerializer.DeltaEnvelopeBytes(requestId, seq) + JsonText.EscapedLength(text));
        }
    }

    [Fact]
    public void WriteDelta_LoneSurrogate_BecomesReplacementCharacterAndStaysValidUtf8()
    {
        var buffer = new ArrayBufferWriter<byte>();

        FrameSerializer.WriteDelta(buffer, "r", 1, "a\ud800b");

        using var json = JsonDocument.Parse(buffer.WrittenMemory);
        json.RootElement.GetProperty("text").GetString().ShouldBe("a\ufffdb");
    }

    [Fact]
    public void WriteDelta_JapaneseText_IsRawUtf8NotUnicodeEscapes()
    {
        var buffer = new ArrayBufferWriter<byte>();

        FrameSerializer.WriteDelta(buffer, "c-1", 3, "漫画");

        Encoding.UTF8.GetString(buffer.WrittenSpan).ShouldBe("""{"type":"delta","requestId":"c-1","seq":3,"text":"漫画"}""");
    }

    [Fact]
    public void WriteDone_CarriesStopReasonUsageCachedAndModel()
    {
        var buffer = new ArrayBufferWriter<byte>();

        FrameSerializer.WriteDone(buffer, "c-1", 8, "end_turn", new AnswerUsage(812, 240), cached: false, "model-a");

        Encoding.UTF8.GetString(buffer.WrittenSpan).ShouldBe(
            """{"type":"done","requestId":"c-1","seq":8,"stopReason":"end_turn","usage":{"inputTokens":812,"outputTokens":240},"cached":false,"model":"model-a"}""");
    }

    [Fact]
    public void WriteDone_WithCacheTokensAndCost_CarriesThemInUsage()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var usage = new AnswerUsage(12, 240) { CacheReadInputTokens = 2048, CacheWriteInputTokens = 0, Cost = 0.5811m, Currency = "JPY" };

        FrameSerializer.WriteDone(buffer, "c-1", 8, "end_turn", usage, cached: false, "model-a");

        Encoding.UTF8.GetString(buffer.WrittenSpan).ShouldBe(
            """{"type":"done","requestId":"c-1","seq":8,"stopReason":"end_turn","usage":{"inputTokens":12,"outputTokens":240,"cacheReadInputTokens":2048,"cacheWriteInputTokens":0,"cost":{"amount":0.5811,"currency":"JPY"}},"cached":false,"model":"model-a"}""");
    }

    [Fact]
    public void WriteError_WithoutRequestId_WritesNullAndOmitsUnknownRetryAfter()
    {
        var buffer = new ArrayBufferWriter<byte>();

        FrameSerializer.WriteError(buffer, null, 0, new ErrorFrame(ErrorCodes.MalformedJson, "Bad \"json\".", false));

        Encoding.UTF8.GetString(buffer.WrittenSpan).ShouldBe(
            """{"type":"error","requestId":null,"seq":0,"code":"malformed_json","message":"Bad \"json\".","retryable":false,"partial":false}""");
    }
}

public sealed class CitationsFrameTests
{
    [Fact]
    public void WriteCitations_WritesIdTitleUrlOnly()
    {
        var buffer = new ArrayBufferWriter<byte>();

        FrameSerializer.WriteCitations(buffer, "c-1", 7, [new AnswerCitation("MA-0001", "星の剣", "https://shop.example/p/MA-0001")]);

        Encoding.UTF8.GetString(buffer.WrittenSpan).ShouldBe(
            """{"type":"citations","requestId":"c-1","seq":7,"items":[{"id":"MA-0001","title":"星の剣","url":"https://shop.example/p/MA-0001"}]}""");
    }

    [Fact]
    public void WriteCitations_ManyLongCitations_StayFarBelowTheFrameLimit()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var huge = new string('漫', 5000);

        FrameSerializer.WriteCitations(buffer, "c-1", 7, Enumerable.Range(0, 100).Select(i => new AnswerCitation($"id-{i}", huge, huge)).ToList());

        buffer.WrittenCount.ShouldBeLessThan(FrameSerializer.MaxFrameBytes);
        using var json = JsonDocument.Parse(buffer.WrittenMemory);
        json.RootElement.GetProperty("items").GetArrayLength().ShouldBe(FrameSerializer.MaxCitations);
    }
}
