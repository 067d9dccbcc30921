using System.Collections.Concurrent;
using System.Text.Json;
using MangaAssist.Aws.ApiGatewayManagement;

namespace MangaAssist.Orchestrator.Tests.Support;

/// <summary>An @connections stand-in that keeps every posted frame and answers with <see cref="Status"/>.</summary>
public sealed class CapturedConnections : IApiGatewayManagementClient
{
    private readonly ConcurrentQueue<JsonElement> _frames = new();

    public PostToConnectionStatus Status { get; set; } = PostToConnectionStatus.Delivered;

    public IReadOnlyList<JsonElement> Frames => [.. _frames];

    public IEnumerable<string> Types => Frames.Select(f => f.GetProperty("type").GetString()!);

    public JsonElement Last => Frames[^1];

    public ValueTask<PostToConnectionResult> PostToConnectionAsync(string connectionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        if (Status == PostToConnectionStatus.Delivered)
        {
            _frames.Enqueue(JsonDocument.Parse(data).RootElement.Clone());
        }

        return ValueTask.FromResult(new PostToConnectionResult(Status, Status == PostToConnectionStatus.Gone ? 410 : 200));
    }

    public ValueTask<ApiGatewayConnection?> GetConnectionAsync(string connectionId, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult<ApiGatewayConnection?>(null);

    public ValueTask<bool> DeleteConnectionAsync(string connectionId, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);
}
