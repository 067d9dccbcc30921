using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using MangaAssist.Retrieval.Embedded;
using MangaAssist.Retrieval.Evaluation;

namespace MangaAssist.Retrieval.Benchmarks;

/// <summary>
/// <c>latency [ROUNDS] [CASE]</c>: the query sequence of <see cref="EmbeddedSearchBenchmarks"/> (one case, its
/// questions in turn) timed one query at a time, in seconds instead of BenchmarkDotNet's minutes. Per query: wall
/// time, thread CPU time, bytes allocated and collections during it. Three conditions before each query, so the cause
/// of a slow tail can be told apart: nothing (hot caches), a forced full collection (what BenchmarkDotNet's default
/// <c>GcMode.Force</c> does between iterations, i.e. before every query of a one-query iteration), and a read of a
/// buffer larger than a core's cache (what other work in a service does between two searches).
/// </summary>
internal static class LatencyProfile
{
    private const int EvictBytes = 16 << 20;

    public static void Run(int rounds, string query)
    {
        var options = ShippedIndex.Options();
        var index = ShippedIndex.Build(options);
        var questions = EmbeddedSearchBenchmarks.QuestionsFor(query);
        var vectors = questions.Select(q => ShippedIndex.QueryVector(q.Text, options.Embeddings.Dimensions)).ToArray();
        var abstainBelow = options.Embedded.AbstainBelow;
        var evict = new byte[EvictBytes];
        var sink = 0L;
        int Search(int i) => index.Search(questions[i].Text, vectors[i], 5, null, abstainBelow).Count;

        var conditions = new (string Name, Action Before)[]
        {
            ("hot (back to back)", () => { }),
            ("after a full GC (BenchmarkDotNet)", () =>
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
            }),
            ("after reading 16 MB", () =>
            {
                // One byte per cache line is enough to bring every line in (and others' out).
                for (var i = 0; i < evict.Length; i += 64)
                {
                    evict[i]++;
                }

                sink += evict[^64];
            }),
        };

        // What the service does before it takes traffic (EmbeddedIndexInitializer): the queries below are a shopper's.
        var compiledBefore = System.Runtime.JitInfo.GetCompiledMethodCount();
        var (warmUps, warmUpTime) = EmbeddedIndexWarmUp.Run(index, abstainBelow);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  service warm-up: {warmUps} searches, {warmUpTime.TotalMilliseconds:F0} ms, {System.Runtime.JitInfo.GetCompiledMethodCount() - compiledBefore} methods compiled"));

        // Tiered JIT: a method called ~30 times is recompiled optimised in the background (after 100 ms without new
        // first-tier compilations, 1 s on a one-CPU process such as this one under taskset). Time the first queries in
        // blocks, as BenchmarkDotNet's 300 warm-ups run them, to show when that is done; then wait for it as its pilot
        // and warm-up stages would.
        var first = Stopwatch.GetTimestamp();
        Search(0);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  first query after the warm-up: {Stopwatch.GetElapsedTime(first).TotalMilliseconds:F1} ms wall"));
        Console.Write("  next 900 queries, median CPU µs (methods JIT-compiled) per 100:");
        for (var block = 0; block < 9; block++)
        {
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
            var times = new long[100];
            for (var i = 0; i < times.Length; i++)
            {
                var start = ThreadClock.Nanoseconds();
                Search((block * 100 + i) % questions.Length);
                times[i] = ThreadClock.Nanoseconds() - start;
            }

            Console.Write(string.Create(CultureInfo.InvariantCulture, $" {Median(times) / 1e3:F0} ({System.Runtime.JitInfo.GetCompiledMethodCount() - compiled})"));
        }

        Console.WriteLine();
        for (var warmup = 0; warmup < 3; warmup++)
        {
            for (var i = 0; i < Math.Max(questions.Length, 300); i++)
            {
                Search(i % questions.Length);
            }

            Thread.Sleep(200);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"case {query} at {options.Embeddings.Dimensions} dimensions: {questions.Length} question(s), {rounds} round(s), {rounds * Math.Max(1, 3000 / (questions.Length * rounds)) * questions.Length} queries per condition; µs per query"));
        Console.WriteLine("  condition                          |  wall p50    p95    p99    max |   cpu p50    p95    p99    max | B/query  GCs in  JIT in");
        MeasurementStarts();
        var samples = Measure(questions.Length, rounds, conditions.Select(c => c.Before).ToArray(), Search);
        MeasurementEnds();
        for (var c = 0; c < conditions.Length; c++)
        {
            Print(conditions[c].Name, samples[c]);
        }

        PrintSlowest(questions, samples[0], index, vectors, abstainBelow);
        GC.KeepAlive(sink);
    }

    /// <summary>
    /// Every question under every condition, the conditions taking turns query by query, so that a change in the
    /// shared machine's load falls on all of them alike.
    /// </summary>
    private static Sample[][] Measure(int count, int rounds, Action[] conditions, Func<int, int> search)
    {
        // At least ~3,000 queries per condition, as the BenchmarkDotNet job's 3,000 iterations.
        var repeats = rounds * Math.Max(1, 3000 / (count * rounds));
        var samples = conditions.Select(_ => new Sample[repeats * count]).ToArray();
        for (var r = 0; r < repeats; r++)
        {
            for (var i = 0; i < count; i++)
            {
                for (var c = 0; c < conditions.Length; c++)
                {
                    conditions[c]();
                    var collections = GC.CollectionCount(0);
                    var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
                    var bytes = GC.GetAllocatedBytesForCurrentThread();
                    var cpu = ThreadClock.Nanoseconds();
                    var wall = Stopwatch.GetTimestamp();
                    search(i);
                    var wallNs = Stopwatch.GetElapsedTime(wall).Ticks * 100;
                    samples[c][r * count + i] = new Sample(i, wallNs, ThreadClock.Nanoseconds() - cpu, GC.GetAllocatedBytesForCurrentThread() - bytes, GC.CollectionCount(0) - collections, (int)(System.Runtime.JitInfo.GetCompiledMethodCount() - compiled));
                }
            }
        }

        return samples;
    }

    private static void Print(string name, Sample[] samples)
    {
        var wall = samples.Select(s => s.WallNs).Order().ToArray();
        var cpu = samples.Select(s => s.CpuNs).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {name,-34} | {Us(wall, 50),6} {Us(wall, 95),6} {Us(wall, 99),6} {wall[^1] / 1e3,6:F0} | {Us(cpu, 50),9} {Us(cpu, 95),6} {Us(cpu, 99),6} {cpu[^1] / 1e3,6:F0} | {samples.Average(s => s.Bytes),7:F0} {samples.Sum(s => s.Collections),6} {samples.Sum(s => s.Compiled),7}"));
    }

    /// <summary>The questions with the largest median CPU time (hot), and what each stage of them costs.</summary>
    private static void PrintSlowest(EvaluationQuery[] questions, Sample[] hot, EmbeddedProductIndex index, float[][] vectors, float abstainBelow)
    {
        if (questions.Length < 2)
        {
            return;
        }

        Console.WriteLine("  slowest questions (median hot CPU µs): whole | understand | lexical half (no vector) | relevance of top 5");
        foreach (var slow in hot.GroupBy(s => s.Question).Select(g => (Question: g.Key, Cpu: Median(g.Select(s => s.CpuNs)))).OrderByDescending(x => x.Cpu).Take(10))
        {
            var q = questions[slow.Question];
            var understood = index.Understand(q.Text);
            var results = index.Search(q.Text, vectors[slow.Question], 5, null, 0);
            var understand = Median(Repeat(() => index.Understand(q.Text)));
            var lexical = Median(Repeat(() => index.Search(q.Text, [], 5, null, abstainBelow)));
            var relevance = Median(Repeat(() => index.Confidence(understood.Text, results)));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"    {q.Id,-8} {q.Kind,-12} {slow.Cpu / 1e3,6:F0} | {understand / 1e3,5:F0} | {lexical / 1e3,5:F0} | {relevance / 1e3,5:F0}  {q.Text.Length} chars"));
        }
    }

    private static IEnumerable<long> Repeat(Func<object> run)
    {
        for (var i = 0; i < 21; i++)
        {
            var start = ThreadClock.Nanoseconds();
            GC.KeepAlive(run());
            yield return ThreadClock.Nanoseconds() - start;
        }
    }

    /// <summary>
    /// Compiled at their first (only) call, so that in <c>DOTNET_JitStdOutFile</c> with <c>DOTNET_JitDisasmSummary=1</c>
    /// the methods listed between them are those compiled while the measured queries ran.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MeasurementStarts()
    {
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MeasurementEnds()
    {
    }

    private static long Median(IEnumerable<long> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }

    private static string Us(long[] sorted, int percentile) =>
        (sorted[Math.Min(sorted.Length - 1, sorted.Length * percentile / 100)] / 1e3).ToString("F0", CultureInfo.InvariantCulture);

    /// <param name="Compiled">Methods the JIT compiled (any thread) while the query ran: tiering still under way.</param>
    private readonly record struct Sample(int Question, long WallNs, long CpuNs, long Bytes, int Collections, int Compiled);
}
