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
}
