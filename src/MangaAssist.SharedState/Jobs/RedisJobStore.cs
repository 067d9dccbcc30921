using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MangaAssist.SharedState.Redis;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Jobs;

/// <summary>
/// One hash per job (<c>{prefix}job:{id}</c>) and one string per idempotency key
/// (<c>{prefix}job-key:{owner}:{sha256(key)}</c>: the key is the client's text, so only its digest is stored).
/// No local fallback: a job only this instance knew would not survive it.
/// </summary>
internal sealed class RedisJobStore(RedisGateway redis, JobStoreOptions options, TimeProvider timeProvider) : IJobStore
{
    public async Task<(JobRecord Job, bool Created)> CreateAsync(JobRecord job, string? idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var now = timeProvider.GetUtcNow();
        RedisValue[] args =
        [
            Now(), (long)options.Ttl.TotalMilliseconds, job.Id, idempotencyKey is null ? 0 : 1,
            .. JobRecordCodec.ToFields(job, now).SelectMany(f => new[] { (RedisValue)f.Name, f.Value }),
        ];
        var holder = (string)(await redis.RunAsync(
            "jobs.create", db => db.ScriptEvaluateAsync(RedisJobScripts.Create, [JobKey(job.Id), IdempotencyKey(job.OwnerId, idempotencyKey), OwnedJobs(job.OwnerId), OwnedKeys(job.OwnerId)], args), cancellationToken))!;
        var stored = await FindAsync(holder, cancellationToken) ?? throw new SharedStateUnavailableException($"Job {holder} vanished right after it was stored.");
        return (stored, holder == job.Id);
    }

    public async Task<JobRecord?> FindAsync(string jobId, CancellationToken cancellationToken = default) =>
        JobRecordCodec.FromHash(await redis.RunAsync("jobs.find", db => db.HashGetAllAsync(JobKey(jobId)), cancellationToken));

    public async Task<JobRecord?> StartAsync(string jobId, CancellationToken cancellationToken = default) =>
        await RunAsync("jobs.start", RedisJobScripts.Start, jobId, [], cancellationToken) == 1 ? await FindAsync(jobId, cancellationToken) : null;

    public async Task<bool> ReportProgressAsync(string jobId, long progressTokens, CancellationToken cancellationToken = default) =>
        await RunAsync("jobs.progress", RedisJobScripts.Progress, jobId, [progressTokens], cancellationToken) == 1;

    public async Task<bool> FinishAsync(string jobId, JobOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        List<RedisValue> fields = [(int)outcome.Status, "progress", outcome.ProgressTokens, "bytes", outcome.ResultBytes];
        void Add(string name, string? value)
        {
            if (value is not null)
            {
                fields.Add(name);
                fields.Add(value);
            }
        }

        Add("text", outcome.ResultText);
        Add("location", outcome.ResultLocation);
        Add("ctype", outcome.ContentType);
        Add("ecode", outcome.ErrorCode);
        Add("emsg", outcome.ErrorMessage);
        Add("cites", JobCitationsCodec.Encode(outcome.Citations));
        return await RunAsync("jobs.finish", RedisJobScripts.Finish, jobId, [.. fields], cancellationToken) == 1;
    }

    public async Task<JobRecord?> RequestCancelAsync(string jobId, CancellationToken cancellationToken = default)
    {
        await RunAsync("jobs.cancel", RedisJobScripts.Cancel, jobId, [JobErrors.Cancelled, JobErrors.CancelledMessage], cancellationToken);
        return await FindAsync(jobId, cancellationToken);
    }

    public async Task<int> EraseOwnerAsync(string ownerId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ownerId);
        return await redis.RunAsync("jobs.erase", async db =>
        {
            var ids = await db.SetMembersAsync(OwnedJobs(ownerId));
            var keys = await db.SetMembersAsync(OwnedKeys(ownerId));
            var deleted = ids.Length == 0 ? 0 : await db.KeyDeleteAsync([.. ids.Select(id => JobKey(id.ToString()))]);
            await db.KeyDeleteAsync([.. keys.Select(key => (RedisKey)key.ToString()), OwnedJobs(ownerId), OwnedKeys(ownerId)]);
            return (int)deleted;
        }, cancellationToken);
    }

    private async Task<long> RunAsync(string operation, string script, string jobId, RedisValue[] args, CancellationToken cancellationToken) =>
        (long)await redis.RunAsync(operation, db => db.ScriptEvaluateAsync(script, [JobKey(jobId)], [Now(), .. args]), cancellationToken);

    private RedisValue Now() => timeProvider.GetUtcNow().ToUnixTimeMilliseconds();

    private RedisKey JobKey(string jobId) => redis.KeyPrefix + "job:" + jobId;

    private RedisKey OwnedJobs(string ownerId) => redis.KeyPrefix + "job-owner:" + ownerId + ":jobs";

    private RedisKey OwnedKeys(string ownerId) => redis.KeyPrefix + "job-owner:" + ownerId + ":keys";

    private RedisKey IdempotencyKey(string ownerId, string? key) => key is null
        ? redis.KeyPrefix + "job-key:none"
        : redis.KeyPrefix + "job-key:" + ownerId + ":" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))).ToLower(CultureInfo.InvariantCulture);
}
