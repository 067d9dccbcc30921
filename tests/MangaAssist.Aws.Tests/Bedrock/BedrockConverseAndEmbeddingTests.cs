using System.Text.Json;
using MangaAssist.Aws.Bedrock;
using MangaAssist.Aws.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.AI;
using Shouldly;
using Xunit;

namespace MangaAssist.Aws.Tests.Bedrock;

public sealed class BedrockConverseAndEmbeddingTests
{
    [Fact]
    public async Task GetResponseCallsConverseAndReturnsTextFinishReasonAndUsage()
    {
        RecordedRequest? received = null;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            received = await RecordedRequest.CaptureAsync(context);
            context.Response.ContentType = "application/json";
            context.Response.Headers["x-amzn-RequestId"] = "conv-1";
            await context.Response.WriteAsync("""
                {"output":{"message":{"role":"assistant","content":[{"text":"Try "},{"text":"Haikyu!!"}]}},
                 "stopReason":"stop_sequence","usage":{"inputTokens":30,"outputTokens":4,"totalTokens":34},"metrics":{"latencyMs":210}}
                """);
        });
        using var client = Clients.Bedrock(server);

        var response = await client.GetResponseAsync([new ChatMessage(ChatRole.User, "volleyball manga?")]);

        received!.RawTarget.ShouldBe("/model/anthropic.claude-test-v1%3A0/converse");
        response.Text.ShouldBe("Try Haikyu!!");
        response.FinishReason.ShouldBe(ChatFinishReason.Stop);
        response.AdditionalProperties!["stopReason"].ShouldBe("stop_sequence");
        response.Usage!.InputTokenCount.ShouldBe(30);
        response.Usage.OutputTokenCount.ShouldBe(4);
        response.Usage.TotalTokenCount.ShouldBe(34);
        response.ModelId.ShouldBe("anthropic.claude-test-v1:0");
        response.ResponseId.ShouldBe("conv-1");
    }

    [Fact]
    public async Task TitanEmbeddingsPostTheDocumentedInvokeBodyAndReadTheVector()
    {
        var requests = new List<RecordedRequest>();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            var request = await RecordedRequest.CaptureAsync(context);
            lock (requests)
            {
                requests.Add(request);
            }

            using var document = JsonDocument.Parse(request.Body);
            var text = document.RootElement.GetProperty("inputText").GetString()!;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"embedding":[{{text.Length}}.5,-0.25,0.125],"inputTextTokenCount":{{text.Length}}}""");
        });
        using var generator = Clients.Titan(server);

        var embeddings = await generator.GenerateAsync(["naruto", "one piece"], new EmbeddingGenerationOptions { Dimensions = 256 });

        embeddings.Count.ShouldBe(2);
        embeddings[0].Vector.ToArray().ShouldBe([6.5f, -0.25f, 0.125f]);
        embeddings[1].Vector.ToArray().ShouldBe([9.5f, -0.25f, 0.125f]);
        embeddings.ShouldAllBe(e => e.ModelId == "amazon.titan-embed-text-v2:0");
        embeddings.Usage!.InputTokenCount.ShouldBe(15);
        requests.ShouldAllBe(r => r.RawTarget == "/model/amazon.titan-embed-text-v2%3A0/invoke" && r.ContentType == "application/json");
        var bodies = requests.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        bodies.Select(b => b.GetProperty("inputText").GetString()).ShouldBe(["naruto", "one piece"]);
        bodies.ShouldAllBe(b => b.GetProperty("dimensions").GetInt32() == 256 && b.GetProperty("normalize").GetBoolean());
    }

    [Fact]
    public async Task TitanErrorsAreBedrockExceptionsToo()
    {
        await using var server = await LoopbackServer.StartAsync(context => BedrockWire.WriteErrorAsync(context, 429, "ThrottlingException", "Rate exceeded"));
        using var generator = Clients.Titan(server);

        var error = await Should.ThrowAsync<BedrockException>(() => generator.GenerateAsync(["query"]));

        error.Kind.ShouldBe(BedrockErrorKind.Throttling);
        error.IsRetryable.ShouldBeTrue();
    }
}
