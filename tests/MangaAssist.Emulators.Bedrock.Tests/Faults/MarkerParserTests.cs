using MangaAssist.Emulators.Bedrock.Faults;
using MangaAssist.Emulators.Bedrock.Markers;

namespace MangaAssist.Emulators.Bedrock.Tests.Faults;

public sealed class MarkerParserTests
{
    [Fact]
    public void Parse_ReadsPacingAndLengthMarkers()
    {
        var markers = MarkerParser.Parse("Hi [[tokens:120]] [[ttft:50]] [[tps:200]]");

        markers.Error.ShouldBeNull();
        markers.AnswerTokens.ShouldBe(120);
        markers.TimeToFirstTokenMs.ShouldBe(50);
        markers.TokensPerSecond.ShouldBe(200);
        markers.Faults.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("[[fault:503]]", FaultKind.Http503, 0, null)]
    [InlineData("[[fault:503:x1]]", FaultKind.Http503, 0, 1)]
    [InlineData("[[fault:reset:5]]", FaultKind.Reset, 5, null)]
    [InlineData("[[fault:reset:5:x1]]", FaultKind.Reset, 5, 1)]
    [InlineData("[[fault:stream-error:12:x3]]", FaultKind.StreamError, 12, 3)]
    [InlineData("[[fault:stall:0]]", FaultKind.Stall, 0, null)]
    [InlineData("[[fault:model-not-ready]]", FaultKind.ModelNotReady, 0, null)]
    [InlineData("[[fault:malformed:7]]", FaultKind.Malformed, 7, null)]
    [InlineData("[[fault:no-end:40:x1]]", FaultKind.NoEnd, 40, 1)]
    [InlineData("[[fault:reset-before-headers:x2]]", FaultKind.ResetBeforeHeaders, 0, 2)]
    [InlineData("[[fault:silent]]", FaultKind.Silent, 0, null)]
    [InlineData("[[fault:context-too-long]]", FaultKind.ContextTooLong, 0, null)]
    [InlineData("[[fault:content-filtered:3]]", FaultKind.ContentFiltered, 3, null)]
    public void Parse_ReadsFaultMarkers(string text, FaultKind kind, int after, int? times)
    {
        var marker = MarkerParser.Parse("Question " + text).Faults.ShouldHaveSingleItem();

        marker.ShouldBe(new FaultMarker(kind, after, times));
    }

    [Theory]
    [InlineData("[[fault:teapot]]")]
    [InlineData("[[fault:reset:x0]]")]
    [InlineData("[[tokens:0]]")]
    [InlineData("[[tokens:many]]")]
    [InlineData("[[fault:RESET:1]]")]
    public void Parse_ReportsMalformedMarkers(string text)
    {
        MarkerParser.Parse(text).Error.ShouldNotBeNull();
    }

    [Fact]
    public void Parse_IgnoresTextThatOnlyLooksLikeAMarker()
    {
        var markers = MarkerParser.Parse("[[wiki link]] and [[Tokens:5]]");

        markers.Error.ShouldBeNull();
        markers.AnswerTokens.ShouldBeNull();
        markers.Faults.ShouldBeEmpty();
    }

    [Fact]
    public void Strip_RemovesEveryMarker()
    {
        MarkerParser.Strip("Who? [[tokens:5]][[fault:reset:2:x1]] Why?").ShouldBe("Who?  Why?");
    }

    [Fact]
    public void Parse_KeepsOnlyMarkersScopedToTheRequestedModel()
    {
        const string text = "Q [[fault:503:x1@sonnet-4-5]] [[ttft:20000@haiku]] [[fault:stall:20@claude-sonnet-4-6]] [[tokens:9]]";

        var sonnet45 = MarkerParser.Parse(text, "us.anthropic.claude-sonnet-4-5-20250929-v1:0");
        var haiku = MarkerParser.Parse(text, "anthropic.claude-3-haiku-20240307-v1:0");
        var sonnet46 = MarkerParser.Parse(text, "global.anthropic.claude-sonnet-4-6");

        sonnet45.Faults.ShouldHaveSingleItem().ShouldBe(new FaultMarker(FaultKind.Http503, 0, 1, "sonnet-4-5"));
        sonnet45.TimeToFirstTokenMs.ShouldBeNull();
        sonnet45.AnswerTokens.ShouldBe(9);
        haiku.Faults.ShouldBeEmpty();
        haiku.TimeToFirstTokenMs.ShouldBe(20000);
        sonnet46.Faults.ShouldHaveSingleItem().ShouldBe(new FaultMarker(FaultKind.Stall, 20, null, "claude-sonnet-4-6"));
    }

    [Fact]
    public void Parse_ReadsRetryAfterAndContextLimit()
    {
        var markers = MarkerParser.Parse("Q [[retry-after:3]] [[context-limit:4000]]");

        markers.Error.ShouldBeNull();
        markers.RetryAfterSeconds.ShouldBe(3);
        markers.ContextLimit.ShouldBe(4000);
    }

    [Fact]
    public void Strip_RemovesScopedMarkersToo()
    {
        MarkerParser.Strip("Who? [[fault:503@haiku]][[retry-after:2]] Why?").ShouldBe("Who?  Why?");
    }
}
