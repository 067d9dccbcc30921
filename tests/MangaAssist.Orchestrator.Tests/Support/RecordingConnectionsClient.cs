using System.Text;
using MangaAssist.Aws.ApiGatewayManagement;

namespace MangaAssist.Orchestrator.Tests.Support;

/// <summary>
/// A stand-in for <c>@connections</c>: records every posted frame (a copy, as the caller reuses its
/// buffer) and answers each post with the next scripted result, then <see cref="Delivered"/>.
/// </summary>
public sealed class RecordingConnectionsClient : IApiGatewayManagementClient
{
    private readonly Lock _gate = new();
    private readonly Queue<PostToConnectionResult> _script = new();
    private readonly List<(string ConnectionId, byte[] Data)> _posts = [];

    public static PostToConnectionResult Delivered => new(PostToConnectionStatus.Delivered, 200);

    public static PostToConnectionResult Gone => new(PostToConnectionStatus.Gone, 410, AwsErrorType: "GoneException");

    /// <summary>A post that got no answer: API Gateway may or may not have delivered it.</summary>
    public static PostToConnectionResult TimedOut => new(PostToConnectionStatus.Failed, null, Message: "The request timed out.");

    public static PostToConnectionResult Throttled(TimeSpan? retryAfter = null) =>
        new(PostToConnectionStatus.Throttled, 429, retryAfter, AwsErrorType: "LimitExceededException");

    public static PostToConnectionResult Failed(int statusCode = 500) => new(PostToConnectionStatus.Failed, statusCode);

    /// <summary>The frames posted, in order, as UTF-8 text.</summary>
    public IReadOnlyList<string> Frames
    {
        get
        {
            lock (_gate)
            {
                return [.. _posts.Select(p => Encoding.UTF8.GetString(p.Data))];
            }
        }
    }

    /// <summary>The raw bytes posted, in order.</summary>
    public IReadOnlyList<byte[]> Payloads
    {
        get
        {
            lock (_gate)
            {
                return [.. _posts.Select(p => p.Data)];
            }
        }
    }

    public IReadOnlyList<string> ConnectionIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _posts.Select(p => p.ConnectionId)];
            }
        }
    }

    /// <summary>Answers the next posts with <paramref name="results"/>, in order.</summary>
    public RecordingConnectionsClient Then(params PostToConnectionResult[] results)
    {
        lock (_gate)
        {
            foreach (var result in results)
            {
                _script.Enqueue(result);
            }
        }

        return this;
    }

    public ValueTask<PostToConnectionResult> PostToConnectionAsync(string connectionId, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            _posts.Add((connectionId, data.ToArray()));
            return ValueTask.FromResult(_script.TryDequeue(out var result) ? result : Delivered);
        }
    }

    public ValueTask<ApiGatewayConnection?> GetConnectionAsync(string connectionId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Only posts are recorded.");

    public ValueTask<bool> DeleteConnectionAsync(string connectionId, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Only posts are recorded.");
}
