using System.Text;
using MangaAssist.Orchestrator.Options;
using MangaAssist.Orchestrator.Protocol;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Protocol;

public sealed class ClientMessageParserTests
{
    private static ClientMessageParser CreateSut(int maxMessageChars = 50) =>
        new(new InputLimitsOptions { MaxMessageChars = maxMessageChars, MaxIdChars = 16 });

    private static (ClientMessage? Message, ProtocolError? Error) Parse(string json, int maxMessageChars = 50)
    {
        var ok = CreateSut(maxMessageChars).TryParse(Encoding.UTF8.GetBytes(json), out var message, out var error);
        (ok ? message : error as object).ShouldNotBeNull();
        return (message, error);
    }

    [Fact]
    public void TryParse_ValidSendMessage_ReturnsAllFields()
    {
        var (message, _) = Parse("""{"action":"sendMessage","requestId":"c-1","sessionId":"s-1","message":"おすすめの少年漫画は？","extra":[1,2]}""");

        message.ShouldBe(new ClientMessage("sendMessage", "c-1", "s-1", "おすすめの少年漫画は？"));
    }

    [Fact]
    public void TryParse_EscapedPropertyNames_AreRecognised()
    {
        var (message, _) = Parse("""{"\u0061ction":"analyze","requestId":"c-2","sessionId":"s","message":"hi"}""");

        message!.Action.ShouldBe("analyze");
    }

    [Fact]
    public void TryParse_CancelNeedsOnlyRequestId()
    {
        var (message, _) = Parse("""{"action":"cancel","requestId":"c-2"}""");

        message.ShouldBe(new ClientMessage("cancel", "c-2", null, null));
    }

    [Theory]
    [InlineData("not json", ErrorCodes.MalformedJson, null)]
    [InlineData("[1,2]", ErrorCodes.MalformedJson, null)]
    [InlineData("""{"action":"sendMessage" """, ErrorCodes.MalformedJson, null)]
    [InlineData("""{"action":"sendMessage"} trailing""", ErrorCodes.MalformedJson, null)]
    [InlineData("""{"requestId":"c-1"}""", ErrorCodes.UnknownAction, "c-1")]
    [InlineData("""{"action":"dance","requestId":"c-1"}""", ErrorCodes.UnknownAction, "c-1")]
    [InlineData("""{"action":"sendMessage","sessionId":"s","message":"hi"}""", ErrorCodes.MissingRequestId, null)]
    [InlineData("""{"action":"sendMessage","requestId":"","sessionId":"s","message":"hi"}""", ErrorCodes.MissingRequestId, null)]
    [InlineData("""{"action":"sendMessage","requestId":"this-id-is-far-too-long","sessionId":"s","message":"hi"}""", ErrorCodes.InvalidField, null)]
    [InlineData("""{"action":"sendMessage","requestId":"c\u0001","sessionId":"s","message":"hi"}""", ErrorCodes.InvalidField, null)]
    [InlineData("""{"action":"sendMessage","requestId":"c-1","message":"hi"}""", ErrorCodes.MissingSessionId, "c-1")]
    [InlineData("""{"action":"sendMessage","requestId":"c-1","sessionId":"s"}""", ErrorCodes.EmptyMessage, "c-1")]
    [InlineData("""{"action":"analyze","requestId":"c-1","sessionId":"s","message":"   \n"}""", ErrorCodes.EmptyMessage, "c-1")]
    [InlineData("""{"action":"sendMessage","requestId":"c-1","sessionId":"s","message":42}""", ErrorCodes.InvalidField, "c-1")]
    [InlineData("""{"action":"sendMessage","requestId":7,"sessionId":"s","message":"hi"}""", ErrorCodes.InvalidField, null)]
    public void TryParse_BadInput_IsRefusedWithClearCode(string json, string expectedCode, string? expectedRequestId)
    {
        var (_, error) = Parse(json);

        error.ShouldNotBeNull();
        error.Code.ShouldBe(expectedCode);
        error.RequestId.ShouldBe(expectedRequestId);
        error.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void TryParse_MessageOverLimit_SaysLengthAndLimit()
    {
        var (_, error) = Parse($$"""{"action":"sendMessage","requestId":"c-1","sessionId":"s","message":"{{new string('あ', 51)}}"}""");

        error!.Code.ShouldBe(ErrorCodes.MessageTooLarge);
        error.Message.ShouldContain("51");
        error.Message.ShouldContain("50");
    }

    [Fact]
    public void TryParse_InvalidUtf8_IsMalformedJson()
    {
        byte[] body = [.. "{\"action\":\""u8, 0xC3, 0x28, .. "\"}"u8];

        CreateSut().TryParse(body, out _, out var error).ShouldBeFalse();
        error!.Code.ShouldBe(ErrorCodes.MalformedJson);
    }
}
