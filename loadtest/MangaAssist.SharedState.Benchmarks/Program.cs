// Cache path measurement against a real redis-server (no BenchmarkDotNet: one process, one loopback Redis):
// a hit's latency (p50/p99) and Redis round trips per answer, counted by the client (mangaassist.redis.calls)
// and, for hits, cross-checked by the server (INFO commandstats, GET calls).
//   dotnet run -c Release --project loadtest/MangaAssist.SharedState.Benchmarks [-- <hits>]
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using MangaAssist.SharedState.AnswerFlights;
using MangaAssist.SharedState.Extensions;
using MangaAssist.SharedState.ResponseCache;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

var hits = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 20_000;
var port = FreePort();
using var server = Process.Start(new ProcessStartInfo("redis-server", $"--port {port} --bind 127.0.0.1 --save \"\" --appendonly no") { RedirectStandardOutput = true })!;
try
{
    using var admin = await ConnectWhenUpAsync($"127.0.0.1:{port},allowAdmin=true");
    await using var provider = new ServiceCollection()
        .AddSharedState(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Redis:Configuration"] = $"127.0.0.1:{port}" }).Build())
        .BuildServiceProvider();
    var roundTrips = 0L;
    using var listener = new MeterListener
    {
        InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "mangaassist.redis.calls")
            {
                l.EnableMeasurementEvents(instrument);
            }
        },
    };
    listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref roundTrips, value));
    listener.Start();

    var cache = provider.GetRequiredService<IResponseCache>();
    var flights = provider.GetRequiredService<IAnswerFlights>();
    var text = string.Concat(Enumerable.Repeat("『ワンピース』は海賊の冒険を描いた長編です。", 40));
    var answer = new CompletedAnswer(text, "anthropic.claude-3-haiku-20240307-v1:0", "end_turn", new AnswerUsage(812, 240), [new AnswerCitation("op-1", "ONE PIECE 1", "https://example.jp/op/1")]);
    var key = ResponseCacheKey.Create(answer.Model, "おすすめの少年漫画は？", "fp", "stateless");
    await cache.SetAsync(key, answer);
    for (var i = 0; i < 2_000; i++)
    {
        await cache.TryGetAsync(key);
    }

    var getsBefore = await ServerCallsAsync(admin, "cmdstat_get");
    var tripsBefore = Interlocked.Read(ref roundTrips);
    var latencies = new double[hits];
    for (var i = 0; i < hits; i++)
    {
        var started = Stopwatch.GetTimestamp();
        var hit = await cache.TryGetAsync(key) ?? throw new InvalidOperationException("expected a hit");
        latencies[i] = Stopwatch.GetElapsedTime(started).TotalMicroseconds;
    }

    var clientTrips = Interlocked.Read(ref roundTrips) - tripsBefore;
    var serverGets = await ServerCallsAsync(admin, "cmdstat_get") - getsBefore;
    Array.Sort(latencies);
    Console.WriteLine($"cache hit, {text.Length}-char answer stored in {CompletedAnswerCodec.Encode(answer).Length} bytes: p50 {Percentile(latencies, 0.50):F0} µs, p99 {Percentile(latencies, 0.99):F0} µs over {hits} sequential hits");
    Console.WriteLine($"round trips per cache hit: {clientTrips / (double)hits:F2} (client), {serverGets / (double)hits:F2} GET per hit (server)");

    // One flight: the leader publishes 50 pieces (2 ms apart) while one follower reads them live.
    tripsBefore = Interlocked.Read(ref roundTrips);
    var piecesOf = Enumerable.Range(0, 50).Select(i => text.Substring(i * 10, 10)).ToArray();
    int received;
    await using (var leader = (FlightLeader)await flights.JoinOrLeadAsync("bench"))
    await using (var follower = (FlightFollower)await flights.JoinOrLeadAsync("bench"))
    {
        var reading = Task.Run(async () =>
        {
            var events = 0;
            await foreach (var flightEvent in follower.ReadEventsAsync())
            {
                events++;
            }

            return events;
        });
        foreach (var piece in piecesOf)
        {
            leader.PublishText(piece);
            await Task.Delay(2);
        }

        await leader.CompleteAsync(new CompletedAnswer(string.Concat(piecesOf), answer.Model, "end_turn", answer.Usage));
        received = await reading;
    }

    Console.WriteLine($"flight of 50 pieces, 1 leader + 1 follower: {received} events received, {Interlocked.Read(ref roundTrips) - tripsBefore} round trips in all (join x2, publishes, subscribe, reads)");
}
finally
{
    server.Kill();
}

static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];

static async Task<long> ServerCallsAsync(ConnectionMultiplexer admin, string command)
{
    foreach (var group in await admin.GetServer(admin.GetEndPoints()[0]).InfoAsync("commandstats"))
    {
        foreach (var stat in group)
        {
            if (stat.Key == command)
            {
                // calls=20000,usec=...,usec_per_call=...
                return long.Parse(stat.Value.Split(',')[0]["calls=".Length..], CultureInfo.InvariantCulture);
            }
        }
    }

    return 0;
}

static async Task<ConnectionMultiplexer> ConnectWhenUpAsync(string configuration)
{
    for (var attempt = 0; ; attempt++)
    {
        var multiplexer = await ConnectionMultiplexer.ConnectAsync(configuration + ",abortConnect=false");
        if (multiplexer.IsConnected || attempt > 50)
        {
            return multiplexer;
        }

        multiplexer.Dispose();
        await Task.Delay(50);
    }
}

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
