namespace MangaAssist.Orchestrator.Resilience;

/// <summary>
/// The instance-wide retry quota, kept as the AWS SDKs keep theirs: retries spend tokens, answers
/// that succeed earn them back. While Bedrock is healthy the bucket stays full; in an outage it
/// empties after a bounded number of retries and every further failure is final at its first
/// attempt, so retries cannot multiply the load on a service that is already down.
/// </summary>
public sealed class RetryBudget(int capacity, int retryCost, int timeoutRetryCost)
{
    private int _available = capacity;

    public int Capacity { get; } = capacity;

    public int Available => Volatile.Read(ref _available);

    /// <summary>Takes the cost of one retry; false when the bucket cannot pay it.</summary>
    public bool TryAcquire(bool afterTimeout, out int cost)
    {
        cost = afterTimeout ? timeoutRetryCost : retryCost;
        while (true)
        {
            var available = Volatile.Read(ref _available);
            if (available < cost)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _available, available - cost, available) == available)
            {
                return true;
            }
        }
    }

    /// <summary>An answer succeeded: a retried one returns what its retries cost, a first-time one returns a token.</summary>
    public void OnSuccess(int retryCostPaid)
    {
        var refund = retryCostPaid > 0 ? retryCostPaid : 1;
        while (true)
        {
            var available = Volatile.Read(ref _available);
            var next = Math.Min(Capacity, available + refund);
            if (next == available || Interlocked.CompareExchange(ref _available, next, available) == available)
            {
                return;
            }
        }
    }
}
