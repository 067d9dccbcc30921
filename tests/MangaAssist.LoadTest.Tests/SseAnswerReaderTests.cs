using MangaAssist.LoadTest.Peers;

namespace MangaAssist.LoadTest.Tests;

/// <summary>Lines as Portkey 1.15.2 streams a Bedrock answer (captured from a real run against the emulator).</summary>
public sealed class SseAnswerReaderTests
{
    private const string Role = """data: {"id":"bedrock-1","object":"chat.completion.chunk","created":1,"model":"m","provider":"bedrock","choices":[{"index":0,"delta":{"role":"assistant"},"finish_reason":null}]}""";

    private static string Content(string text) =>
        $$"""data: {"id":"bedrock-1","object":"chat.completion.chunk","created":1,"model":"m","provider":"bedrock","choices":[{"index":0,"delta":{"role":"assistant","content":"{{text}}"},"finish_reason":null}]}""";

    private const string Finish = """data: {"id":"bedrock-1","object":"chat.completion.chunk","created":1,"model":"m","provider":"bedrock","choices":[{"index":0,"delta":{},"finish_reason":"stop"}],"usage":{"prompt_tokens":23,"completion_tokens":3,"total_tokens":26}}""";

    [Fact]
    public void Accept_AWholeStream_IsDoneWithTheConcatenatedTextAndTheFirstContentAsFirstToken()
    {
        var reader = new SseAnswerReader();
        string[] lines = [Role, "", Content("You "), "", Content("asked"), "", Content(": \\\"x\\\""), "", Finish, "", "data: [DONE]"];
        var over = false;
        for (var i = 0; i < lines.Length && !over; i++)
        {
            over = reader.Accept(lines[i], receivedAt: 100 + i);
        }

        var answer = reader.Answer(sentAt: 50, endAt: 200);

        over.ShouldBeTrue();
        answer.Terminal.ShouldBe(StreamedAnswer.Done);
        answer.ErrorCode.ShouldBeNull();
        answer.Text.ShouldBe("You asked: \"x\"");
        answer.FirstDeltaAt.ShouldBe(102); // the role-only chunk before it carries no token
        answer.Chunks.ShouldBe(5);
    }

    [Fact]
    public void Answer_WithoutFinishReasonOrDone_IsAbandoned()
    {
        var reader = new SseAnswerReader();
        reader.Accept(Content("You "), 1).ShouldBeFalse();
        reader.Accept("data: [DONE]", 2).ShouldBeTrue();

        var answer = reader.Answer(0, 3);

        answer.Terminal.ShouldBe(StreamedAnswer.Abandoned);
        answer.ErrorCode.ShouldBe("no_finish");
        answer.Text.ShouldBe("You ");
    }

    [Fact]
    public void Accept_AnErrorObject_EndsTheAnswerAsAnError()
    {
        var reader = new SseAnswerReader();
        reader.Accept(Content("You "), 1);

        reader.Accept("""data: {"error":{"message":"throttled","type":"ThrottlingException"}}""", 2).ShouldBeTrue();

        var answer = reader.Answer(0, 3);
        answer.Terminal.ShouldBe(StreamedAnswer.Error);
        answer.ErrorCode.ShouldBe("ThrottlingException");
    }

    [Fact]
    public void Accept_MalformedJson_EndsTheAnswerAsAnError()
    {
        var reader = new SseAnswerReader();

        reader.Accept("data: {not json", 1).ShouldBeTrue();

        reader.Answer(0, 2).ErrorCode.ShouldBe("malformed_chunk");
    }

    [Fact]
    public void Accept_CommentsAndEventLines_AreIgnored()
    {
        var reader = new SseAnswerReader();

        reader.Accept(": keep-alive", 1).ShouldBeFalse();
        reader.Accept("event: message", 2).ShouldBeFalse();

        reader.Answer(0, 3).Chunks.ShouldBe(0);
    }
}
