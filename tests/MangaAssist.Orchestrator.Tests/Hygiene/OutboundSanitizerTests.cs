using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using MangaAssist.Orchestrator.Hygiene;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Hygiene;

public sealed class OutboundSanitizerTests
{
    private static readonly string[] ForbiddenSpellings =
    [
        "embedding", "Embedding", "EMBEDDINGS", "vector", "query_vector", "knn-vector", "prompt", "systemPrompt", "system_prompt",
        "messages", "context", "raw_context", "retrievedContext", "passages", "_source", "debug", "_debug", "debugInfo", "debug_scores",
        "x-debug-trace", "stackTrace", "exception", "internal", "trace",
    ];

    private static readonly string[] AllowedNames = ["type", "requestId", "seq", "text", "items", "title", "url", "id", "usage", "model", "score", "tags", "price"];

    private static bool IsForbiddenForOracle(string name)
    {
        var key = name.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        return key.StartsWith("debug", StringComparison.Ordinal) || key.StartsWith("xdebug", StringComparison.Ordinal)
            || ForbiddenSpellings.Any(f => f.Replace("_", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal).Equals(key, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Sanitize_RandomPayloads_LetNothingForbiddenThroughAndKeepEverythingElse()
    {
        var sut = new OutboundSanitizer();
        var random = new Random(4242);
        var dirty = 0;
        for (var i = 0; i < 1500; i++)
        {
            var payload = RandomValue(random, depth: 0) ?? new JsonObject();
            var json = Encoding.UTF8.GetBytes(payload.ToJsonString());

            var result = sut.Sanitize(json);

            var actual = JsonNode.Parse(result.Span);
            AssertNothingForbidden(actual);
            JsonNode.DeepEquals(actual, IsVector(payload) ? new JsonArray() : Oracle(payload)).ShouldBeTrue($"case {i}: {payload.ToJsonString()}");
            if (!MemoryMarshal.TryGetArray(result, out var segment) || segment.Array != json)
            {
                dirty++;
            }
        }

        dirty.ShouldBeGreaterThan(300);
        dirty.ShouldBeLessThan(1500);
    }

    [Fact]
    public void Sanitize_ServiceFrame_IsReturnedUncopied()
    {
        var sut = new OutboundSanitizer();
        var frame = Encoding.UTF8.GetBytes("""{"type":"done","requestId":"c-1","seq":8,"stopReason":"end_turn","usage":{"inputTokens":812,"outputTokens":240},"cached":false,"model":"m"}""");

        var result = sut.Sanitize(frame);

        MemoryMarshal.TryGetArray(result, out var segment).ShouldBeTrue();
        segment.Array.ShouldBeSameAs(frame);
    }

    [Fact]
    public void Sanitize_VectorUnderAnInnocentName_IsDropped()
    {
        var sut = new OutboundSanitizer();
        var floats = string.Join(',', Enumerable.Range(0, 1024).Select(i => (i / 1024.0).ToString("F4", System.Globalization.CultureInfo.InvariantCulture)));

        var result = Encoding.UTF8.GetString(sut.Sanitize(Encoding.UTF8.GetBytes($$"""{"items":[{"id":"p1","features":[{{floats}}],"tags":[1,2,3]}]}""")).Span);

        result.ShouldBe("""{"items":[{"id":"p1","tags":[1,2,3]}]}""");
    }

    [Fact]
    public void Sanitize_DebugAllowedInNonProduction_StillNeverLetsVectorsOut()
    {
        var sut = new OutboundSanitizer(allowDebug: true);

        var result = Encoding.UTF8.GetString(sut.Sanitize("""{"debug":{"prompt":"p"},"embedding":[0.1],"text":"t"}"""u8.ToArray()).Span);

        result.ShouldBe("""{"debug":{"prompt":"p"},"text":"t"}""");
    }

    [Fact]
    public void Sanitize_JapaneseAndEscapedText_IsPreserved()
    {
        var sut = new OutboundSanitizer();

        var result = Encoding.UTF8.GetString(sut.Sanitize(Encoding.UTF8.GetBytes("""{"text":"漫画 \"quoted\" \n","_debug":1}""")).Span);

        JsonNode.Parse(result)!["text"]!.GetValue<string>().ShouldBe("漫画 \"quoted\" \n");
        result.ShouldNotContain("_debug");
    }

    private static void AssertNothingForbidden(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj)
                {
                    IsForbiddenForOracle(name).ShouldBeFalse(name);
                    AssertNothingForbidden(value);
                }

                break;
            case JsonArray array:
                array.TakeWhile(IsNumber).Count().ShouldBeLessThanOrEqualTo(OutboundSanitizer.MaxNumericArrayLength);
                foreach (var item in array)
                {
                    AssertNothingForbidden(item);
                }

                break;
        }
    }

    /// <summary>An independent statement of the rules, on the DOM.</summary>
    private static JsonNode? Oracle(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj
            .Where(p => !IsForbiddenForOracle(p.Key) && !IsVector(p.Value))
            .Select(p => KeyValuePair.Create(p.Key, Oracle(p.Value)))),
        JsonArray array => new JsonArray(array.Where(item => !IsVector(item)).Select(Oracle).ToArray()),
        null => null,
        _ => node.DeepClone(),
    };

    private static bool IsVector(JsonNode? node) =>
        node is JsonArray array && array.TakeWhile(IsNumber).Count() > OutboundSanitizer.MaxNumericArrayLength;

    private static bool IsNumber(JsonNode? node) => node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number;

    private static JsonNode? RandomValue(Random random, int depth)
    {
        var roll = random.Next(depth > 3 ? 5 : 8);
        switch (roll)
        {
            case 0: return JsonValue.Create(random.Next(-1000, 1000));
            case 1: return JsonValue.Create(random.NextDouble());
            case 2: return JsonValue.Create(random.Next(3) == 0 ? "漫画「テスト」" : "text \"with\" escapes\n");
            case 3: return random.Next(2) == 0 ? JsonValue.Create(true) : null;
            case 4:
                var floats = new JsonArray();
                var length = random.Next(3) == 0 ? random.Next(17, 1025) : random.Next(0, 17);
                for (var i = 0; i < length; i++)
                {
                    floats.Add(JsonValue.Create(Math.Round(random.NextDouble(), 4)));
                }

                if (random.Next(4) == 0)
                {
                    floats.Add(JsonValue.Create("tail"));
                }

                return floats;
            case 5:
            case 6:
                var obj = new JsonObject();
                for (var i = random.Next(0, 6); i > 0; i--)
                {
                    var name = random.Next(4) == 0 ? ForbiddenSpellings[random.Next(ForbiddenSpellings.Length)] : AllowedNames[random.Next(AllowedNames.Length)];
                    obj[name] = RandomValue(random, depth + 1);
                }

                return obj;
            default:
                var array = new JsonArray();
                for (var i = random.Next(0, 5); i > 0; i--)
                {
                    array.Add(RandomValue(random, depth + 1));
                }

                return array;
        }
    }
}
