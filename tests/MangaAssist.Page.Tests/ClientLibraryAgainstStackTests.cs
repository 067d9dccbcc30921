using System.Diagnostics;
using System.Text.Json;
using MangaAssist.Page.Tests.Support;
using MangaAssist.Retrieval.Catalog;
using Shouldly;

namespace MangaAssist.Page.Tests;

/// <summary>The client library (clients/js) in node against the real stack: a dropped socket never shows in the text.</summary>
[Collection(PageStackCollection.Name)]
public sealed class ClientLibraryAgainstStackTests(PageStackFixture fixture)
{
    [Fact]
    public async Task SocketDroppedMidAnswer_TheApplicationSeesTheModelsTextExactlyOnce()
    {
        var tag = ChatPageAnswerTests.Tag("node");
        var stack = fixture.Stack.Stack;
        var message = $"Tell me about {ProductCatalog.LoadShipped().Products[11].Title} [[tokens:150]] [[tps:25]] {tag}";

        var output = await RunNodeAsync(
            Path.Combine("test", "live", "drop-and-resume.mjs"),
            stack.WebSocketUrl.ToString(), stack.GatewayUrl.ToString(), new Uri(stack.IssuerUrl, "/tokens").ToString(), message);

        var seen = JsonDocument.Parse(output).RootElement;
        seen.GetProperty("kind").GetString().ShouldBe("done");
        seen.GetProperty("droppedId").GetString().ShouldNotBeNullOrEmpty();
        seen.GetProperty("states").EnumerateArray().Select(s => s.GetString()).ShouldContain("reconnecting");
        seen.GetProperty("text").GetString().ShouldBe(await fixture.Stack.ModelAnswerAsync(tag));
    }

    private static async Task<string> RunNodeAsync(string script, params string[] arguments)
    {
        var directory = Path.Combine(RepositoryRoot.Path, "clients", "js");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "ws")))
        {
            throw new InvalidOperationException($"{directory}/node_modules is missing: run 'npm ci --prefix clients/js' (tests/run-all.sh does).");
        }

        var start = new ProcessStartInfo("node") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node {script} did not finish within 90 s. stderr: {await stderr}");
        }

        return process.ExitCode == 0
            ? (await stdout).Trim()
            : throw new InvalidOperationException($"node {script} exited with {process.ExitCode}. stderr: {await stderr}");
    }
}
