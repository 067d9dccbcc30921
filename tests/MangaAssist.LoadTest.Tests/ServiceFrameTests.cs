using System.Text;
using MangaAssist.LoadTest.Protocol;

namespace MangaAssist.LoadTest.Tests;

public sealed class ServiceFrameTests
{
    [Fact]
    public void TryParse_Done_SkipsNestedUsageAndReadsTheHeader()
    {
        ServiceFrame.TryParse(Encoding.UTF8.GetBytes(FrameSequence.Done(8, "c-1")), out var frame).ShouldBeTrue();

        frame.ShouldBe(new ServiceFrame("done", "c-1", 8, null, null, Cached: false));
        frame.IsTerminal.ShouldBeTrue();
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"yes\"", null)]
    public void TryParse_DoneCached_ReadsTheFlag(string value, bool? expected)
    {
        var json = $$"""{"type":"done","requestId":"c-1","seq":2,"stopReason":"end_turn","cached":{{value}},"model":"m"}""";

        ServiceFrame.TryParse(Encoding.UTF8.GetBytes(json), out var frame).ShouldBeTrue();

        frame.Cached.ShouldBe(expected);
    }

    [Fact]
    public void TryParse_Delta_DecodesEscapesAndJapanese()
    {
        ServiceFrame.TryParse("""{"type":"delta","requestId":"c-1","seq":1,"text":"「鬼滅」\n\"x\"\u2028"}"""u8, out var frame).ShouldBeTrue();

        frame.Text.ShouldBe("「鬼滅」\n\"x\"\u2028");
        frame.IsTerminal.ShouldBeFalse();
    }

    [Fact]
    public void TryParse_ErrorWithNullRequestId_ReadsTheCode()
    {
        ServiceFrame.TryParse("""{"type":"error","requestId":null,"seq":0,"code":"malformed_json","message":"m","retryable":false,"partial":false}"""u8, out var frame).ShouldBeTrue();

        frame.RequestId.ShouldBeNull();
        frame.Code.ShouldBe("malformed_json");
    }

    [Theory]
    [InlineData("")]
    [InlineData("[1,2]")]
    [InlineData("{\"type\":\"delta\"")]
    [InlineData("{\"type\":\"delta\"} {}")]
    [InlineData("not json")]
    public void TryParse_NotOneJsonObject_IsFalse(string text) =>
        ServiceFrame.TryParse(Encoding.UTF8.GetBytes(text), out _).ShouldBeFalse();

    [Fact]
    public void TryParse_SeqThatIsNotANumber_LeavesSeqEmpty()
    {
        ServiceFrame.TryParse("""{"type":"start","requestId":"c-1","seq":"0"}"""u8, out var frame).ShouldBeTrue();

        frame.Seq.ShouldBeNull();
    }
}
