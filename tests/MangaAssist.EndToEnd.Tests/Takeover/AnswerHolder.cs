using MangaAssist.EndToEnd.Tests.Support.Fleet;
using MangaAssist.LocalEdge.Stack.Fleet;
using StackExchange.Redis;

namespace MangaAssist.EndToEnd.Tests.Takeover;

/// <summary>Which service process streams an answer: the one whose consumer (named after its pid) holds a lease on the answers queue.</summary>
internal static class AnswerHolder
{
    public static async Task<ServiceProcess?> OfAsync(FleetEdge edge)
    {
        var pending = await edge.Redis.GetDatabase().StreamPendingMessagesAsync($"{edge.KeyPrefix}work:answers", "workers", 10, RedisValue.Null);
        var pids = pending.Select(p => p.ConsumerName.ToString().Split('-')[0]).ToHashSet(StringComparer.Ordinal);
        return edge.Services.SingleOrDefault(s => !s.HasExited && pids.Contains(s.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }
}
