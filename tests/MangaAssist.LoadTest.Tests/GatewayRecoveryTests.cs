using System.Text;
using System.Text.Json;
using MangaAssist.LoadTest.Users;
using Shouldly;

namespace MangaAssist.LoadTest.Tests;

public sealed class GatewayRecoveryTests
{
    [Theory]
    [InlineData("""{"message": "Internal server error", "connectionId":"abc=", "requestId":"gw-1"}""")]
    [InlineData("""{"message": "Endpoint request timed out", "connectionId":"abc=", "requestId":"gw-1"}""")]
    public void ApiGatewaysOwnFailures_AreRecognised(string reply) =>
        GatewayRecovery.IsGatewayFailure(Encoding.UTF8.GetBytes(reply)).ShouldBeTrue();

    [Theory]
    [InlineData("""{"type":"error","requestId":"r-1","seq":0,"code":"internal_error","message":"Internal server error","connectionId":"abc="}""")]
    [InlineData("""{"message": "Forbidden", "connectionId":"abc=", "requestId":"gw-1"}""")]
    [InlineData("""{"message": "Internal server error"}""")]
    [InlineData("""not json""")]
    public void ServiceFramesAndOtherReplies_AreNot(string reply) =>
        GatewayRecovery.IsGatewayFailure(Encoding.UTF8.GetBytes(reply)).ShouldBeFalse();

    [Fact]
    public void TheResume_AsksFromTheStartOfTheQuestionsSession()
    {
        var question = VirtualUser.Message("sendMessage", "r-1", "s-1", "おすすめは？");

        using var resume = JsonDocument.Parse(GatewayRecovery.Resume(question, "r-1"));

        resume.RootElement.GetProperty("action").GetString().ShouldBe("resume");
        resume.RootElement.GetProperty("requestId").GetString().ShouldBe("r-1");
        resume.RootElement.GetProperty("sessionId").GetString().ShouldBe("s-1");
        resume.RootElement.GetProperty("afterSeq").GetInt32().ShouldBe(-1);
    }

    [Fact]
    public void TheSecondAttempt_IsTheSameQuestionUnderAFreshId()
    {
        var question = VirtualUser.Message("sendMessage", "r-1", "s-1", "おすすめは？ tag-1");

        using var again = JsonDocument.Parse(GatewayRecovery.WithRequestId(question, GatewayRecovery.SecondAttemptId("r-1")));

        again.RootElement.GetProperty("requestId").GetString().ShouldBe("r-1~2");
        again.RootElement.GetProperty("message").GetString().ShouldBe("おすすめは？ tag-1");
        again.RootElement.GetProperty("sessionId").GetString().ShouldBe("s-1");
        again.RootElement.GetProperty("action").GetString().ShouldBe("sendMessage");
    }
}
