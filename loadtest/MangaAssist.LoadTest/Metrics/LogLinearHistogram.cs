namespace MangaAssist.LoadTest.Metrics;

/// <summary>
/// A log-linear histogram of non-negative integers (the tool records microseconds and counts):
/// values below 512 have a bucket each; every power of two above is cut into 256 equal buckets,
/// so any recorded value is known to within 1/256 (0.4 %) of itself: ±1.2 ms at a 300 ms time to
/// first token, which matters because the model's 300 ms is subtracted from it. Not thread-safe: one per
/// worker, merged for the report. Kept over HdrHistogram 2.5.0 (measured, loadtest/README.md): it throws on
/// negative or out-of-range values, reports bucket-rounded max and mean, rounds the rank to nearest, and needs
/// 1.6× the memory for its finer precision, so it would need this class's bookkeeping around it anyway.
/// </summary>
internal sealed class LogLinearHistogram
{
    internal const int LinearLimit = 512;
    internal const int SubBucketsPerOctave = 256;
    private const int SubBucketBits = 8;
    private const int FirstExponent = 9; // log2(LinearLimit)
    private const int MaxExponent = 62;
    internal const int BucketCount = LinearLimit + ((MaxExponent - FirstExponent + 1) * SubBucketsPerOctave);

    private readonly long[] _counts = new long[BucketCount];

    public long Count { get; private set; }

    public long Min { get; private set; } = long.MaxValue;

    public long Max { get; private set; }

    /// <summary>Exact sum of the recorded values (for the mean).</summary>
    public double Sum { get; private set; }

    public double Mean => Count == 0 ? 0 : Sum / Count;

    /// <summary>Records <paramref name="value"/>; negative values are recorded as 0.</summary>
    public void Record(long value, long count = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        value = Math.Max(0, value);
        _counts[BucketIndex(value)] += count;
        Count += count;
        Sum += (double)value * count;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }

    public void Add(LogLinearHistogram other)
    {
        if (other.Count == 0)
        {
            return;
        }

        for (var i = 0; i < BucketCount; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    public LogLinearHistogram Copy()
    {
        var copy = new LogLinearHistogram();
        copy.Add(this);
        return copy;
    }

    /// <summary>
    /// The value at <paramref name="percentile"/> (0..100): the highest value of the bucket that holds
    /// the ranked sample, never above the largest value recorded. The rank is the nearest-rank one,
    /// ceil(p/100 × count): HdrHistogram rounds it to nearest and so can report the sample below.
    /// 0 for an empty histogram.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100);
        if (Count == 0)
        {
            return 0;
        }

        var rank = Math.Max(1, (long)Math.Ceiling(percentile / 100 * Count));
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                return Math.Clamp(HighestValueInBucket(i), Min, Max);
            }
        }

        return Max;
    }

    /// <summary>Non-empty buckets as (lowest value, highest value, count), lowest first.</summary>
    public IEnumerable<(long Low, long High, long Count)> Buckets()
    {
        for (var i = 0; i < BucketCount; i++)
        {
            if (_counts[i] > 0)
            {
                yield return (LowestValueInBucket(i), HighestValueInBucket(i), _counts[i]);
            }
        }
    }

    internal static int BucketIndex(long value)
    {
        if (value < LinearLimit)
        {
            return (int)value;
        }

        var exponent = 63 - (int)long.LeadingZeroCount(value);
        var sub = (int)(value >> (exponent - SubBucketBits)) - SubBucketsPerOctave;
        return LinearLimit + ((exponent - FirstExponent) * SubBucketsPerOctave) + sub;
    }

    internal static long LowestValueInBucket(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var exponent = FirstExponent + ((index - LinearLimit) / SubBucketsPerOctave);
        var sub = (index - LinearLimit) % SubBucketsPerOctave;
        return (long)(SubBucketsPerOctave + sub) << (exponent - SubBucketBits);
    }

    internal static long HighestValueInBucket(int index)
    {
        if (index < LinearLimit)
        {
            return index;
        }

        var exponent = FirstExponent + ((index - LinearLimit) / SubBucketsPerOctave);
        return LowestValueInBucket(index) + (1L << (exponent - SubBucketBits)) - 1;
    }
}
