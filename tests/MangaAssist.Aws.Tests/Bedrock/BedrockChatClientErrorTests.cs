using System.Net;
using System.Net.Sockets;
using MangaAssist.Aws.Bedrock;
using MangaAssist.Aws.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.AI;
using Shouldly;
using Xunit;

namespace MangaAssist.Aws.Tests.Bedrock;

public sealed class BedrockChatClientErrorTests
{
    private static readonly ChatMessage[] Question = [new(ChatRole.User, "hello")];

    [Theory]
    [InlineData(429, "ThrottlingException", "Too many requests, please wait before trying again.", BedrockErrorKind.Throttling, true)]
    [InlineData(429, "ModelNotReadyException", "Model is not ready.", BedrockErrorKind.ModelNotReady, true)]
    [InlineData(429, "ServiceQuotaExceededException", "Quota exceeded.", BedrockErrorKind.ServiceQuotaExceeded, false)]
    [InlineData(503, "ServiceUnavailableException", "Service unavailable.", BedrockErrorKind.ServiceUnavailable, true)]
    [InlineData(500, "InternalServerException", "Internal error.", BedrockErrorKind.InternalServer, true)]
    [InlineData(424, "ModelErrorException", "The model failed.", BedrockErrorKind.ModelError, false)]
    [InlineData(408, "ModelTimeoutException", "Model timed out.", BedrockErrorKind.ModelTimeout, true)]
    [InlineData(400, "ValidationException", "Malformed input request.", BedrockErrorKind.Validation, false)]
    [InlineData(400, "ValidationException", "Input is too long for requested model.", BedrockErrorKind.InputTooLong, false)]
    [InlineData(400, "ValidationException", "prompt is too long: 210000 tokens > 200000 maximum", BedrockErrorKind.InputTooLong, false)]
    [InlineData(400, "ValidationException", "Too many input tokens. Max input tokens: 8192", BedrockErrorKind.InputTooLong, false)]
    [InlineData(403, "AccessDeniedException", "Access denied.", BedrockErrorKind.AccessDenied, false)]
    [InlineData(404, "ResourceNotFoundException", "Model not found.", BedrockErrorKind.ResourceNotFound, false)]
    public async Task EachDocumentedHttpErrorMapsToItsKindAndRetryability(int status, string errorType, string message, BedrockErrorKind kind, bool retryable)
    {
        await using var server = await LoopbackServer.StartAsync(context => BedrockWire.WriteErrorAsync(context, status, errorType, message));
        using var client = Clients.Bedrock(server);

        var error = await Should.ThrowAsync<BedrockException>(() => BedrockChatClientStreamingTests.ToListAsync(client.GetStreamingResponseAsync(Question)));

        error.Kind.ShouldBe(kind);
        error.IsRetryable.ShouldBe(retryable);
        error.StatusCode.ShouldBe(status);
        error.AwsErrorType.ShouldBe(errorType);
        error.Message.ShouldBe(message);
        error.InStream.ShouldBeFalse();
        error.IsTooManyConnections.ShouldBeFalse();
        error.RequestId.ShouldBe("err-req");
    }

    [Theory]
    [InlineData(503, "ServiceUnavailableException", BedrockErrorKind.ServiceUnavailable)]
    [InlineData(500, "InternalServerException", BedrockErrorKind.InternalServer)]
    public async Task TooManyConnectionsIsFlaggedRetryableAndCarriesRetryAfter(int status, string errorType, BedrockErrorKind kind)
    {
        await using var server = await LoopbackServer.StartAsync(context =>
            BedrockWire.WriteErrorAsync(context, status, errorType, "Too many connections, please wait before trying again.", retryAfter: "2"));
        using var client = Clients.Bedrock(server);

        var error = await Should.ThrowAsync<BedrockException>(() => BedrockChatClientStreamingTests.ToListAsync(client.GetStreamingResponseAsync(Question)));

        error.Kind.ShouldBe(kind);
        error.IsTooManyConnections.ShouldBeTrue();
        error.IsRetryable.ShouldBeTrue();
        error.RetryAfter.ShouldBe(TimeSpan.FromSeconds(2));
    }

    [Fact]
    public async Task WithoutTheErrorTypeHeaderTheTypeComesFromTheBodyUnderscoreType()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
            BedrockWire.WriteErrorAsync(context, 400, "ValidationException", "messages: field required", typeInBodyOnly: true));
        using var client = Clients.Bedrock(server);

        var error = await Should.ThrowAsync<BedrockException>(() => client.GetResponseAsync(Question));

        error.Kind.ShouldBe(BedrockErrorKind.Validation);
        error.AwsErrorType.ShouldBe("ValidationException");
        error.Message.ShouldBe("messages: field required");
    }

    [Theory]
    [InlineData(502, BedrockErrorKind.Unknown, true)]
    [InlineData(429, BedrockErrorKind.Throttling, true)]
    [InlineData(409, BedrockErrorKind.Unknown, false)]
    public async Task AnErrorWithoutAnyTypeMapsByStatusCode(int status, BedrockErrorKind kind, bool retryable)
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = status;
            return context.Response.WriteAsync("<html>Bad gateway</html>");
        });
        using var client = Clients.Bedrock(server);

        var error = await Should.ThrowAsync<BedrockException>(() => BedrockChatClientStreamingTests.ToListAsync(client.GetStreamingResponseAsync(Question)));

        error.Kind.ShouldBe(kind);
        error.IsRetryable.ShouldBe(retryable);
        error.AwsErrorType.ShouldBeNull();
    }

    [Theory]
    [InlineData("modelStreamErrorException", BedrockErrorKind.ModelStreamError, true)]
    [InlineData("throttlingException", BedrockErrorKind.Throttling, true)]
    [InlineData("internalServerException", BedrockErrorKind.InternalServer, true)]
    [InlineData("serviceUnavailableException", BedrockErrorKind.ServiceUnavailable, true)]
    [InlineData("validationException", BedrockErrorKind.Validation, false)]
    [InlineData("modelTimeoutException", BedrockErrorKind.ModelTimeout, true)]
    public async Task EachInStreamExceptionFrameMapsToItsKindAfterTheDeltasBeforeIt(string exceptionType, BedrockErrorKind kind, bool retryable)
    {
        await using var server = await LoopbackServer.StartAsync(context => BedrockWire.WriteStreamAsync(context,
            [BedrockWire.MessageStart(), BedrockWire.Delta("partial "), BedrockWire.Delta("answer"), BedrockWire.Exception(exceptionType, "The stream failed.")],
            requestId: "stream-req"));
        using var client = Clients.Bedrock(server);
        var received = new List<string>();

        var error = await Should.ThrowAsync<BedrockException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Question))
            {
                received.Add(update.Text);
            }
        });

        received.ShouldBe(["partial ", "answer"]);
        error.Kind.ShouldBe(kind);
        error.IsRetryable.ShouldBe(retryable);
        error.InStream.ShouldBeTrue();
        error.AwsErrorType.ShouldBe(exceptionType);
        error.Message.ShouldBe("The stream failed.");
        error.StatusCode.ShouldBeNull();
        error.RequestId.ShouldBe("stream-req");
    }

    [Fact]
    public async Task AConnectionResetMidStreamMapsToConnectionResetInStream()
    {
        var firstDeltaSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await BedrockWire.WriteStreamAsync(context, [BedrockWire.MessageStart(), BedrockWire.Delta("half an ")]);
            // A reset discards bytes the client has not read yet, so reset only once the first delta arrived.
            await firstDeltaSeen.Task;
            // Half of the next message, then a TCP reset.
            var next = BedrockWire.Delta("answer");
            await context.Response.Body.WriteAsync(next.AsMemory(0, next.Length / 2));
            await context.Response.Body.FlushAsync();
            context.Abort();
        });
        using var client = Clients.Bedrock(server);
        var received = new List<string>();

        var error = await Should.ThrowAsync<BedrockException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Question))
            {
                received.Add(update.Text);
                firstDeltaSeen.TrySetResult();
            }
        });

        received.ShouldBe(["half an "]);
        error.Kind.ShouldBe(BedrockErrorKind.ConnectionReset);
        error.InStream.ShouldBeTrue();
        error.IsRetryable.ShouldBeTrue();
    }

    [Fact]
    public async Task AStreamThatEndsCleanlyWithoutMessageStopIsTruncatedNotACompletion()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
            BedrockWire.WriteStreamAsync(context, [BedrockWire.MessageStart(), BedrockWire.Delta("cut "), BedrockWire.Delta("off")]));
        using var client = Clients.Bedrock(server);
        var updates = new List<ChatResponseUpdate>();

        var error = await Should.ThrowAsync<BedrockException>(async () =>
        {
            await foreach (var update in client.GetStreamingResponseAsync(Question))
            {
                updates.Add(update);
            }
        });

        updates.Select(u => u.Text).ShouldBe(["cut ", "off"]);
        updates.ShouldAllBe(u => u.FinishReason == null);
        error.Kind.ShouldBe(BedrockErrorKind.StreamTruncated);
        error.IsRetryable.ShouldBeTrue();
        error.InStream.ShouldBeTrue();
    }

    [Fact]
    public async Task AFrameWithABrokenChecksumIsARetryableInStreamError()
    {
        var corrupt = BedrockWire.Delta("tampered");
        corrupt[^6] ^= 0xFF;
        await using var server = await LoopbackServer.StartAsync(context =>
            BedrockWire.WriteStreamAsync(context, [BedrockWire.MessageStart(), corrupt]));
        using var client = Clients.Bedrock(server);

        var error = await Should.ThrowAsync<BedrockException>(() => BedrockChatClientStreamingTests.ToListAsync(client.GetStreamingResponseAsync(Question)));

        error.Kind.ShouldBe(BedrockErrorKind.MalformedEvent);
        error.InStream.ShouldBeTrue();
        error.IsRetryable.ShouldBeTrue();
        error.InnerException.ShouldBeOfType<InvalidDataException>();
    }

    [Fact]
    public async Task ARefusedConnectionIsAConnectionResetBeforeTheStream()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        using var client = new BedrockChatClient(
            Clients.Transport(new Uri($"http://127.0.0.1:{port}"), "bedrock"),
            "model",
            Microsoft.Extensions.Logging.Abstractions.NullLogger<BedrockChatClient>.Instance);

        var error = await Should.ThrowAsync<BedrockException>(() => BedrockChatClientStreamingTests.ToListAsync(client.GetStreamingResponseAsync(Question)));

        error.Kind.ShouldBe(BedrockErrorKind.ConnectionReset);
        error.InStream.ShouldBeFalse();
        error.IsRetryable.ShouldBeTrue();
    }
}
