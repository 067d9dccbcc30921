using MangaAssist.SharedState.Redis;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Work;

/// <summary>
/// The queue's consumer group. It is made once per queue and process, but a Redis that restarted without
/// persistence (or was flushed) has lost the stream and its group while this process still remembers making it:
/// a call that then finds no group (NOGROUP, or XINFO's "no such key") makes it again and is tried once more. A call on
/// a held lease (renew, hand over) is not: the lost group took the lease with it, and a new, empty group could only turn
/// that into "taken by another task" (an answer stopped with nobody to finish it). It fails as Redis unavailable
/// instead, which its callers already handle: the answer goes on, a draining task ends it with service_restarting.
/// </summary>
internal sealed partial class RedisWorkQueue
{
    // KEYS[1] stream; ARGV[1] group → 1 made | 0 it was there. In a script, because a BUSYGROUP reply (another
    // instance made it first) would count as an outage to the gateway.
    private const string GroupScript = """
        local made = pcall(redis.call, 'XGROUP', 'CREATE', KEYS[1], ARGV[1], '0-0', 'MKSTREAM')
        if made then return 1 end
        return 0
        """;

    private readonly HashSet<string> _groupsMade = [];

    private async Task<T> RunOnGroupAsync<T>(string queue, string operation, Func<IDatabase, Task<T>> call, CancellationToken cancellationToken)
    {
        await EnsureGroupAsync(queue, cancellationToken);
        try
        {
            return await redis.RunAsync(operation, call, cancellationToken);
        }
        catch (RedisServerException ex) when (IsGroupLost(ex))
        {
            ForgetGroup(queue);
            await EnsureGroupAsync(queue, cancellationToken);
            return await redis.RunAsync(operation, call, cancellationToken);
        }
    }

    private async Task<T> RunOnLeaseAsync<T>(WorkLease lease, string operation, Func<IDatabase, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await redis.RunAsync(operation, call, cancellationToken);
        }
        catch (RedisServerException ex) when (IsGroupLost(ex))
        {
            ForgetGroup(lease.Queue);
            throw new SharedStateUnavailableException($"Redis no longer has the {lease.Queue} queue (restarted or flushed); {operation} found no lease.", ex);
        }
    }

    private async Task EnsureGroupAsync(string queue, CancellationToken cancellationToken)
    {
        lock (_groupsMade)
        {
            if (_groupsMade.Contains(queue))
            {
                return;
            }
        }

        await redis.RunAsync("work.group", db => db.ScriptEvaluateAsync(GroupScript, [KeyOf(queue)], [options.Group]), cancellationToken);

        lock (_groupsMade)
        {
            _groupsMade.Add(queue);
        }
    }

    private void ForgetGroup(string queue)
    {
        lock (_groupsMade)
        {
            _groupsMade.Remove(queue);
        }
    }

    // Redis 7 keeps the NOGROUP code of an error raised inside a script; older servers wrap it in "ERR Error running script".
    private static bool IsGroupLost(RedisServerException exception) =>
        exception.Message.Contains("NOGROUP", StringComparison.Ordinal) || exception.Message.Contains("no such key", StringComparison.OrdinalIgnoreCase);
}
