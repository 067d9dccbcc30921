using MangaAssist.EndToEnd.Tests.Support;
using MangaAssist.SharedState.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>
/// The start frame is posted while the answer is prepared (session memory, retrieval): whatever ends the
/// preparation, start comes first and exactly one terminal frame follows it.
/// </summary>
public sealed class PreparationTests
{
    [Fact]
    public async Task CancelWhileTheAnswerIsPrepared_StartThenOneCancelled_AndTheModelIsNeverAsked()
    {
        var memory = new StalledSessionMemory();
        await using var stack = await EdgeStack.StartAsync(configureService: builder => builder.Services.AddSingleton<ISessionMemory>(memory));
        await using var socket = await stack.ConnectAsync();

        await socket.AskAsync("prep-1", "Which pirate manga should I read?");
        var start = await socket.ReadFrameAsync("prep-1");
        await memory.Reading.Task.WaitAsync(ChatSocket.Patience);
        await socket.SendAsync(new { action = "cancel", requestId = "prep-1" });
        var rest = await socket.ReadAnswerAsync("prep-1");

        var answer = new Answer("prep-1", [start, .. rest.Frames]).ShouldKeepTheProtocolPromises();
        answer.Frames.Select(f => f.Type).ShouldBe(["start", "error"]);
        answer.Terminal.Code.ShouldBe("cancelled");
        (await stack.BedrockStatsAsync()).Requests.GetValueOrDefault("converseStream").ShouldBe(0);
    }

    /// <summary>Session memory that never answers a read until the request is cancelled.</summary>
    private sealed class StalledSessionMemory : ISessionMemory
    {
        public TaskCompletionSource Reading { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task AppendTurnAsync(string sessionId, ConversationTurn turn, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public async Task<IReadOnlyList<ConversationTurn>> ReadRecentAsync(string sessionId, int maxTurns, int maxApproxTokens, CancellationToken cancellationToken = default)
        {
            Reading.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return [];
        }
    }
}
