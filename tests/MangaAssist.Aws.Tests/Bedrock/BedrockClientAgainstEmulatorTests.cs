using MangaAssist.Aws.Bedrock;
using Microsoft.Extensions.AI;
using Shouldly;
using Xunit;

namespace MangaAssist.Aws.Tests.Bedrock;

/// <summary>
/// The error kinds the resilience layer relies on, produced by the real emulator's fault markers and read by the
/// real client: every broken or refused answer ends in one exception of the right kind, never a finish reason.
/// </summary>
public sealed class BedrockClientAgainstEmulatorTests(EmulatorFixture emulator) : IClassFixture<EmulatorFixture>
{
    private const string Sonnet = "anthropic.claude-3-5-sonnet-20240620-v1:0";

    [Fact]
    public async Task ContextTooLong_IsInputTooLong_NotRetryable()
    {
        var error = await FailAsync("Too long [[fault:context-too-long]]");

        error.Kind.ShouldBe(BedrockErrorKind.InputTooLong);
        error.StatusCode.ShouldBe(400);
        error.AwsErrorType.ShouldBe("ValidationException");
        error.IsRetryable.ShouldBeFalse();
        error.InStream.ShouldBeFalse();
    }

    [Fact]
    public async Task ContextLimit_IsInputTooLongOnlyOverTheLimit()
    {
        var padding = string.Join(' ', Enumerable.Repeat("chapter", 300));

        var error = await FailAsync($"History [[context-limit:200]] {padding}");
        var (updates, _) = await StreamAsync("Short [[context-limit:200]] [[tokens:3]]");

        error.Kind.ShouldBe(BedrockErrorKind.InputTooLong);
        updates.Last(u => u.FinishReason is not null).FinishReason.ShouldBe(ChatFinishReason.Stop);
    }

    [Fact]
    public async Task ContextTooLong_OnConverse_IsInputTooLong()
    {
        using var client = emulator.Client(Sonnet);

        var error = await Should.ThrowAsync<BedrockException>(() => client.GetResponseAsync([new ChatMessage(ChatRole.User, "Too long [[fault:context-too-long]]")]));

        error.Kind.ShouldBe(BedrockErrorKind.InputTooLong);
    }

    [Fact]
    public async Task Malformed_IsAMalformedEventAfterTheGoodDeltas_WithoutAFinishReason()
    {
        var (updates, error) = await StreamAsync("Corrupt [[tokens:20]] [[fault:malformed:3]]");

        updates.Count(u => u.Text.Length > 0).ShouldBe(3);
        updates.ShouldAllBe(u => u.FinishReason == null);
        error.ShouldNotBeNull().Kind.ShouldBe(BedrockErrorKind.MalformedEvent);
        error.InStream.ShouldBeTrue();
        error.IsRetryable.ShouldBeTrue();
    }

    [Fact]
    public async Task NoEnd_IsStreamTruncated_WithoutAFinishReason()
    {
        var (updates, error) = await StreamAsync("Quiet end [[tokens:20]] [[fault:no-end:5]]");

        updates.Count(u => u.Text.Length > 0).ShouldBe(5);
        updates.ShouldAllBe(u => u.FinishReason == null);
        error.ShouldNotBeNull().Kind.ShouldBe(BedrockErrorKind.StreamTruncated);
        error.InStream.ShouldBeTrue();
        error.IsRetryable.ShouldBeTrue();
    }

    [Fact]
    public async Task ResetMidStream_IsAConnectionResetInStream()
    {
        var (updates, error) = await StreamAsync("Broken [[tokens:20]] [[fault:reset:4]]");

        updates.Count(u => u.Text.Length > 0).ShouldBe(4);
        error.ShouldNotBeNull().Kind.ShouldBe(BedrockErrorKind.ConnectionReset);
        error.InStream.ShouldBeTrue();
    }

    [Theory]
    [InlineData("reset-before-headers")]
    [InlineData("silent")]
    public async Task ADropBeforeHeaders_IsAConnectionResetBeforeTheStream(string kind)
    {
        var (updates, error) = await StreamAsync($"Nothing [[fault:{kind}]]");

        updates.ShouldBeEmpty();
        error.ShouldNotBeNull().Kind.ShouldBe(BedrockErrorKind.ConnectionReset);
        error.InStream.ShouldBeFalse();
        error.StatusCode.ShouldBeNull();
        error.IsRetryable.ShouldBeTrue();
    }

    [Fact]
    public async Task ContentFiltered_IsAContentFilterFinish_WithTheRawStopReason()
    {
        var (updates, error) = await StreamAsync("Filtered [[tokens:20]] [[fault:content-filtered:4]]");

        error.ShouldBeNull();
        updates.Count(u => u.Text.Length > 0).ShouldBe(4);
        var stop = updates.Single(u => u.FinishReason is not null);
        stop.FinishReason.ShouldBe(ChatFinishReason.ContentFilter);
        stop.AdditionalProperties.ShouldNotBeNull()["stopReason"].ShouldBe("content_filtered");
    }

    [Fact]
    public async Task MaxTokens_IsALengthFinish()
    {
        using var client = emulator.Client(Sonnet);
        var updates = new List<ChatResponseUpdate>();

        await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, "Long [[tokens:20]]")], new ChatOptions { MaxOutputTokens = 3 }))
        {
            updates.Add(update);
        }

        updates.Single(u => u.FinishReason is not null).FinishReason.ShouldBe(ChatFinishReason.Length);
    }

    [Theory]
    [InlineData("429", BedrockErrorKind.Throttling)]
    [InlineData("503", BedrockErrorKind.ServiceUnavailable)]
    public async Task RetryAfter_IsRead(string status, BedrockErrorKind kind)
    {
        var error = await FailAsync($"Wait [[fault:{status}]] [[retry-after:4]]");

        error.Kind.ShouldBe(kind);
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task WithoutRetryAfter_TheHintIsNull()
    {
        var error = await FailAsync("Wait [[fault:429]]");

        error.RetryAfter.ShouldBeNull();
    }

    private async Task<BedrockException> FailAsync(string message)
    {
        var (_, error) = await StreamAsync(message);
        return error.ShouldNotBeNull();
    }

    private async Task<(List<ChatResponseUpdate> Updates, BedrockException? Error)> StreamAsync(string message)
    {
        using var client = emulator.Client(Sonnet);
        var updates = new List<ChatResponseUpdate>();
        try
        {
            await foreach (var update in client.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, message)]))
            {
                updates.Add(update);
            }
        }
        catch (BedrockException exception)
        {
            return (updates, exception);
        }

        return (updates, null);
    }
}
