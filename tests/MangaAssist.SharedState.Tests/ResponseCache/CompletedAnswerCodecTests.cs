using System.Text;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.SharedState.Tests.ResponseCache;

public sealed class CompletedAnswerCodecTests
{
    private static readonly CompletedAnswer Answer = new(
        "おすすめは『ワンピース』です。\n\"quoted\"",
        "anthropic.claude-3-haiku-20240307-v1:0",
        "end_turn",
        new AnswerUsage(812, 240),
        [new AnswerCitation("op-1", "ONE PIECE 1", "https://example.jp/op/1")]);

    [Fact]
    public void Decode_OfEncode_IsTheSameAnswer() =>
        CompletedAnswerCodec.Decode(CompletedAnswerCodec.Encode(Answer)).ShouldBe(Answer);

    [Fact]
    public void Encode_IsCompactUtf8WithJapaneseUnescaped()
    {
        var json = Encoding.UTF8.GetString(CompletedAnswerCodec.Encode(Answer));
        json.ShouldStartWith("{\"v\":1,\"t\":\"おすすめは『ワンピース』です。", Case.Sensitive);
        json.ShouldContain("\"i\":812,\"o\":240,\"c\":[{\"i\":\"op-1\"", Case.Sensitive);
    }

    [Fact]
    public void Encode_WithoutText_LeavesTheTextToTheReader() =>
        CompletedAnswerCodec.Decode(CompletedAnswerCodec.Encode(Answer, withText: false), Answer.Text).ShouldBe(Answer);

    [Fact]
    public void Decode_OfAnotherVersion_IsNull() =>
        CompletedAnswerCodec.Decode("{\"v\":2,\"t\":\"x\",\"m\":\"m\",\"s\":\"end_turn\",\"i\":1,\"o\":1}"u8).ShouldBeNull();

    [Fact]
    public void CompletedAnswer_OnlyEndTurnIsCacheable()
    {
        Answer.IsCacheable.ShouldBeTrue();
        new CompletedAnswer("x", "m", "max_tokens", default).IsCacheable.ShouldBeFalse();
    }
}
