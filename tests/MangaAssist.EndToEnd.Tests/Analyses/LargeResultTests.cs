using System.Text;
using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.LocalEdge.Stack;
using MangaAssist.LocalEdge.Stack.S3;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests.Analyses;

/// <summary>A result above <c>Analyses:InlineResultMaxBytes</c> is stored in S3 (s3rver, started as the run command starts it) and handed out as a pre-signed URL.</summary>
public sealed class LargeResultTests
{
    [Fact]
    public async Task ResultAboveTheThreshold_ArrivesAsAUrlWhoseDownloadIsByteIdentical()
    {
        var (s3, problem) = await S3rverSidecar.TryStartAsync(LoopbackPorts.FreeUrl());
        await using var sidecar = s3.ShouldNotBeNull(problem);
        await using var stack = await EdgeStack.StartAsync(service: [.. sidecar.ServiceArgs, "--Analyses:InlineResultMaxBytes=2048"]);
        var client = new AnalysesClient(stack.Http, stack.ServiceUrl, await stack.IssueTokenAsync("analyst-large"));
        var tag = $"tag-large-{Guid.NewGuid():N}";
        var id = await client.SubmitIdAsync("s-l", $"Compare everything [[tokens:1500]] {tag}");

        var done = await client.PollAsync(id);

        done.GetProperty("status").GetString().ShouldBe("succeeded", done.ToString());
        var result = done.GetProperty("result");
        result.TryGetProperty("text", out var inline).ShouldBeTrue();
        inline.ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
        var url = new Uri(result.GetProperty("downloadUrl").GetString()!);
        url.Scheme.ShouldBe("http");
        url.Query.ShouldContain("X-Amz-Signature=");
        // 15 minutes; the SDK derives the seconds from an expiry instant and its own clock, so a second either way.
        var expires = int.Parse(System.Text.RegularExpressions.Regex.Match(url.Query, "X-Amz-Expires=([0-9]+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        expires.ShouldBeInRange(898, 902);
        result.GetProperty("contentType").GetString().ShouldBe("text/plain; charset=utf-8");
        var expected = Encoding.UTF8.GetBytes((await stack.TranscriptAsync(tag)).Text);
        result.GetProperty("sizeBytes").GetInt64().ShouldBe(expected.Length);
        expected.Length.ShouldBeGreaterThan(2048);
        (await stack.Http.GetByteArrayAsync(url)).ShouldBe(expected);
    }
}
