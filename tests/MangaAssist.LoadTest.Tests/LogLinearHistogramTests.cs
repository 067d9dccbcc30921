using MangaAssist.LoadTest.Metrics;

namespace MangaAssist.LoadTest.Tests;

public sealed class LogLinearHistogramTests
{
    [Fact]
    public void ValueAtPercentile_SmallValues_AreExact()
    {
        var histogram = new LogLinearHistogram();
        for (var v = 1; v <= 100; v++)
        {
            histogram.Record(v);
        }

        histogram.ValueAtPercentile(50).ShouldBe(50);
        histogram.ValueAtPercentile(99).ShouldBe(99);
        histogram.ValueAtPercentile(100).ShouldBe(100);
        histogram.ValueAtPercentile(0).ShouldBe(1);
        histogram.Count.ShouldBe(100);
        histogram.Min.ShouldBe(1);
        histogram.Max.ShouldBe(100);
        histogram.Mean.ShouldBe(50.5);
    }

    [Fact]
    public void ValueAtPercentile_LargeValues_AreWithinTheBucketPrecision()
    {
        var histogram = new LogLinearHistogram();
        for (long v = 1; v <= 1_000_000; v++)
        {
            histogram.Record(v);
        }

        foreach (var p in new[] { 50.0, 90, 95, 99, 99.9 })
        {
            var exact = (long)Math.Ceiling(p / 100 * 1_000_000);
            var reported = histogram.ValueAtPercentile(p);
            reported.ShouldBeGreaterThanOrEqualTo(exact);
            ((double)(reported - exact) / exact).ShouldBeLessThanOrEqualTo(1.0 / LogLinearHistogram.SubBucketsPerOctave);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(511)]
    [InlineData(512)]
    [InlineData(513)]
    [InlineData(300_000)]
    [InlineData(1_048_575)]
    [InlineData(1_048_576)]
    [InlineData(long.MaxValue)]
    public void BucketIndex_ValueLiesWithinItsBucket(long value)
    {
        var index = LogLinearHistogram.BucketIndex(value);

        index.ShouldBeInRange(0, LogLinearHistogram.BucketCount - 1);
        LogLinearHistogram.LowestValueInBucket(index).ShouldBeLessThanOrEqualTo(value);
        LogLinearHistogram.HighestValueInBucket(index).ShouldBeGreaterThanOrEqualTo(value);
    }

    [Fact]
    public void Buckets_AreContiguousAndIncreasing()
    {
        for (var i = 1; i < 5000; i++)
        {
            LogLinearHistogram.LowestValueInBucket(i).ShouldBe(LogLinearHistogram.HighestValueInBucket(i - 1) + 1);
        }
    }

    [Fact]
    public void Record_NegativeValue_CountsAsZero()
    {
        var histogram = new LogLinearHistogram();

        histogram.Record(-5);

        histogram.Min.ShouldBe(0);
        histogram.ValueAtPercentile(100).ShouldBe(0);
    }

    [Fact]
    public void ValueAtPercentile_UsesTheNearestRank_NotTheRoundedOne()
    {
        // 99 % of 460 samples is 455.4: the nearest rank is the 456th sample (rounding would give the 455th).
        // Values below 512 have a bucket each, so the sample is reported exactly.
        var histogram = new LogLinearHistogram();
        for (var v = 1; v <= 460; v++)
        {
            histogram.Record(v);
        }

        histogram.ValueAtPercentile(99).ShouldBe(456);
    }

    [Fact]
    public void MaxAndMean_AreExact_NotBucketRounded()
    {
        var histogram = new LogLinearHistogram();
        histogram.Record(300_001);
        histogram.Record(300_002);

        histogram.Max.ShouldBe(300_002);
        histogram.Min.ShouldBe(300_001);
        histogram.Mean.ShouldBe(300_001.5);
    }

    [Fact]
    public void ValueAtPercentile_Empty_IsZero() =>
        new LogLinearHistogram().ValueAtPercentile(99).ShouldBe(0);

    [Fact]
    public void ValueAtPercentile_NeverExceedsTheLargestValueRecorded()
    {
        var histogram = new LogLinearHistogram();
        histogram.Record(300_001);

        histogram.ValueAtPercentile(99).ShouldBe(300_001);
    }

    [Fact]
    public void Add_MergedWorkers_EqualOneHistogramOfEverything()
    {
        var random = new Random(6);
        var whole = new LogLinearHistogram();
        var workers = Enumerable.Range(0, 4).Select(_ => new LogLinearHistogram()).ToArray();
        for (var i = 0; i < 20_000; i++)
        {
            var value = (long)(Math.Exp(random.NextDouble() * 14) + random.Next(100));
            whole.Record(value);
            workers[i % 4].Record(value);
        }

        var merged = new LogLinearHistogram();
        foreach (var worker in workers)
        {
            merged.Add(worker);
        }

        merged.Count.ShouldBe(whole.Count);
        merged.Min.ShouldBe(whole.Min);
        merged.Max.ShouldBe(whole.Max);
        merged.Sum.ShouldBe(whole.Sum);
        foreach (var p in new[] { 1.0, 50, 95, 99, 99.9, 100 })
        {
            merged.ValueAtPercentile(p).ShouldBe(whole.ValueAtPercentile(p));
        }

        merged.Buckets().ShouldBe(whole.Buckets());
    }

    [Fact]
    public void Record_WithCount_WeighsThePercentiles()
    {
        var histogram = new LogLinearHistogram();
        histogram.Record(10, count: 99);
        histogram.Record(400, count: 1);

        histogram.ValueAtPercentile(99).ShouldBe(10);
        histogram.ValueAtPercentile(99.5).ShouldBe(400);
        histogram.Count.ShouldBe(100);
    }

    [Fact]
    public void Copy_IsIndependentOfTheOriginal()
    {
        var histogram = new LogLinearHistogram();
        histogram.Record(7);
        var copy = histogram.Copy();

        histogram.Record(9);

        copy.Count.ShouldBe(1);
        copy.Max.ShouldBe(7);
    }
}
