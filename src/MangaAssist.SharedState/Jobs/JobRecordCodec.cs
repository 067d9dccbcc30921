using System.Globalization;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Jobs;

/// <summary>A job record as the fields of its Redis hash. Field names are short and shared with <see cref="RedisJobScripts"/>.</summary>
internal static class JobRecordCodec
{
    public static NameValueEntry[] ToFields(JobRecord job, DateTimeOffset now) =>
    [
        new("id", job.Id), new("owner", job.OwnerId), new("session", job.SessionId), new("request", job.RequestId),
        new("message", job.Message), new("fp", job.Fingerprint), new("status", (int)JobStatus.Queued),
        new("created", now.ToUnixTimeMilliseconds()), new("updated", now.ToUnixTimeMilliseconds()),
        new("progress", 0), new("attempts", 0), new("cancel", 0), new("version", 1),
    ];

    public static JobRecord? FromHash(HashEntry[] entries)
    {
        if (entries.Length == 0)
        {
            return null;
        }

        var fields = entries.ToDictionary(e => e.Name.ToString(), e => e.Value, StringComparer.Ordinal);
        string? Text(string name) => fields.TryGetValue(name, out var value) && value.HasValue && !value.IsNullOrEmpty ? value.ToString() : null;
        long Number(string name) => Text(name) is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : 0;
        return new JobRecord
        {
            Id = Text("id") ?? "",
            OwnerId = Text("owner") ?? "",
            SessionId = Text("session") ?? "",
            RequestId = Text("request") ?? "",
            Message = Text("message") ?? "",
            Fingerprint = Text("fp") ?? "",
            Status = (JobStatus)Number("status"),
            CreatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Number("created")),
            UpdatedAt = DateTimeOffset.FromUnixTimeMilliseconds(Number("updated")),
            ProgressTokens = Number("progress"),
            Attempts = (int)Number("attempts"),
            CancelRequested = Number("cancel") == 1,
            Version = Number("version"),
            ResultText = Text("text"),
            ResultLocation = Text("location"),
            ResultBytes = Number("bytes"),
            ContentType = Text("ctype"),
            ErrorCode = Text("ecode"),
            ErrorMessage = Text("emsg"),
            Citations = JobCitationsCodec.Decode(Text("cites")),
        };
    }
}
