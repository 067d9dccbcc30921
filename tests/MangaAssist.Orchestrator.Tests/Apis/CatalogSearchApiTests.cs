using Shouldly;
using System.Diagnostics.Metrics;
using System.Text.Json;
using MangaAssist.Orchestrator.Tests.Support;

namespace MangaAssist.Orchestrator.Tests.Apis;

/// <summary>The Bedrock emulator and two services on it: Development (ephemeral cursor key) and Production (configured key).</summary>
public sealed class CatalogSearchFixture : IAsyncLifetime
{
    public const string ProductionKey = "catalog-cursor-key-for-the-production-test-0123";

    private readonly EmulatedBedrock _bedrock = new();

    public CatalogSearchService Development { get; private set; } = null!;

    public CatalogSearchService Production { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _bedrock.InitializeAsync();
        // A low warning threshold, so that a full page crosses it.
        Development = await CatalogSearchService.StartAsync(_bedrock.Endpoint, "Development", "--CatalogSearch:ResponseSizeWarningBytes=4096", "--Hygiene:AllowDebug=true");
        Production = await CatalogSearchService.StartAsync(_bedrock.Endpoint, "Production", $"--CatalogSearch:CursorKey={ProductionKey}");
    }

    public async Task DisposeAsync()
    {
        await Development.DisposeAsync();
        await Production.DisposeAsync();
        await _bedrock.DisposeAsync();
    }
}

/// <summary>
/// <c>GET /v1/catalog/search</c> over real Kestrel: cursors walk every result once, responses carry no vectors, debug
/// is refused in Production, altered or foreign cursors are refused, and every response's size is measured.
/// </summary>
public sealed class CatalogSearchApiTests(CatalogSearchFixture stack) : IClassFixture<CatalogSearchFixture>
{
    private const string BroadQuery = "fantasy";

    [Fact]
    public async Task Walking_the_cursors_visits_every_result_once_in_the_one_page_order()
    {
        var all = await stack.Development.SearchAsync($"q={Uri.EscapeDataString(BroadQuery)}&limit=50&debug=true");
        all.Status.ShouldBe(200, all.Raw);
        var expected = Ids(all.Body);
        expected.Count.ShouldBe(all.Body.GetProperty("debug").GetProperty("retrieved").GetInt32());
        expected.Count.ShouldBeGreaterThan(20, "a broad query has many results, so the walk below spans several pages");

        var visited = new List<string>();
        var pages = 0;
        string? cursor = null;
        do
        {
            var page = await stack.Development.SearchAsync($"q={Uri.EscapeDataString(BroadQuery)}&limit=7" + (cursor is null ? "" : $"&cursor={cursor}"));
            page.Status.ShouldBe(200, page.Raw);
            Ids(page.Body).Count.ShouldBeLessThanOrEqualTo(7);
            visited.AddRange(Ids(page.Body));
            cursor = page.Body.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 20);

        visited.ShouldBe(expected, "each product once, none missing, in score-then-id order");
        pages.ShouldBe((expected.Count + 6) / 7);
    }

    [Fact]
    public async Task Results_carry_curated_fields_and_no_vector_or_passage()
    {
        string? cursor = null;
        for (var i = 0; i < 3; i++)
        {
            var page = await stack.Development.SearchAsync($"q={Uri.EscapeDataString(BroadQuery)}&limit=20&debug=true" + (cursor is null ? "" : $"&cursor={cursor}"));
            page.Status.ShouldBe(200, page.Raw);
            LargestNumberArray(page.Body).ShouldBeLessThan(8, "no response contains a vector");
            page.Raw.ShouldNotContain("snippet", Case.Insensitive);
            page.Raw.ShouldNotContain("embedding", Case.Insensitive);
            foreach (var item in page.Body.GetProperty("results").EnumerateArray())
            {
                double.IsFinite(item.GetProperty("score").GetDouble()).ShouldBeTrue(item.ToString());
                item.GetProperty("author").GetString().ShouldNotBeNullOrEmpty();
                item.GetProperty("genres").GetArrayLength().ShouldBeGreaterThan(0);
                item.GetProperty("availability").GetString().ShouldNotBeNullOrEmpty();
                (item.GetProperty("blurb").GetString()?.Length ?? 0).ShouldBeLessThanOrEqualTo(161);
            }

            cursor = page.Body.GetProperty("nextCursor").GetString();
            if (cursor is null)
            {
                break;
            }
        }
    }

    [Fact]
    public async Task Debug_is_refused_in_Production_and_honoured_elsewhere()
    {
        var refused = await stack.Production.SearchAsync("q=ninja&debug=true");
        refused.Status.ShouldBe(403, refused.Raw);
        refused.Body.GetProperty("status").GetInt32().ShouldBe(403);

        var plain = await stack.Production.SearchAsync("q=ninja");
        plain.Status.ShouldBe(200, plain.Raw);
        plain.Body.TryGetProperty("debug", out _).ShouldBeFalse();

        var development = await stack.Development.SearchAsync("q=ninja&debug=true");
        development.Status.ShouldBe(200, development.Raw);
        development.Body.GetProperty("debug").GetProperty("requestedTopK").GetInt32().ShouldBe(50);
    }

    [Fact]
    public async Task Altered_foreign_and_other_key_cursors_are_refused_with_400()
    {
        var first = await stack.Production.SearchAsync($"q={Uri.EscapeDataString(BroadQuery)}&limit=5");
        var cursor = first.Body.GetProperty("nextCursor").GetString()!;
        (await stack.Production.SearchAsync($"q={Uri.EscapeDataString(BroadQuery)}&limit=5&cursor={cursor}")).Status.ShouldBe(200);

        var altered = cursor[..10] + (cursor[10] == 'A' ? 'B' : 'A') + cursor[11..];
        var tampered = await stack.Production.SearchAsync($"q={Uri.EscapeDataString(BroadQuery)}&limit=5&cursor={altered}");
        tampered.Status.ShouldBe(400, tampered.Raw);
        tampered.Body.GetProperty("detail").GetString()!.ShouldContain("cursor");

        (await stack.Production.SearchAsync($"q=romance&limit=5&cursor={cursor}")).Status.ShouldBe(400, "a cursor is bound to its query");
        (await stack.Development.SearchAsync($"q={Uri.EscapeDataString(BroadQuery)}&limit=5&cursor={cursor}")).Status.ShouldBe(400, "another key's cursor");
        (await stack.Production.SearchAsync("q=romance&cursor=not-base64!!")).Status.ShouldBe(400);
    }

    [Theory]
    [InlineData("q=ninja&limit=51")]
    [InlineData("q=ninja&limit=0")]
    [InlineData("q=ninja&limit=ten")]
    [InlineData("limit=5")]
    [InlineData("q=")]
    [InlineData("q=ninja&q=pirate")]
    [InlineData("q=ninja&debug=maybe")]
    [InlineData("q=ninja&sort=price")]
    public async Task Bad_parameters_are_a_400_problem(string queryString)
    {
        var response = await stack.Development.SearchAsync(queryString);

        response.Status.ShouldBe(400, response.Raw);
        response.Body.GetProperty("status").GetInt32().ShouldBe(400);
    }

    [Fact]
    public async Task Without_a_token_the_search_is_401()
    {
        using var anonymous = new HttpClient { BaseAddress = stack.Development.Http.BaseAddress };

        using var response = await anonymous.GetAsync("/v1/catalog/search?q=ninja");

        ((int)response.StatusCode).ShouldBe(401);
    }

    [Fact]
    public async Task Every_response_size_is_recorded_and_a_large_one_is_logged()
    {
        var sizes = new List<long>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Name == "mangaassist.catalog.search.response_size")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, _, _) =>
        {
            lock (sizes)
            {
                sizes.Add(value);
            }
        });
        listener.Start();

        var small = await stack.Development.SearchAsync("q=ninja&limit=1");
        stack.Development.Events.WarningIds.ShouldNotContain(1100, "one result stays under 4 KiB");
        var large = await stack.Development.SearchAsync($"q={Uri.EscapeDataString(BroadQuery)}&limit=50");

        lock (sizes)
        {
            sizes.ShouldContain(System.Text.Encoding.UTF8.GetByteCount(small.Raw));
            sizes.ShouldContain(System.Text.Encoding.UTF8.GetByteCount(large.Raw));
        }

        stack.Development.Events.WarningIds.ShouldContain(1100, "the 50-result page is above the 4 KiB threshold");
    }

    private static List<string> Ids(JsonElement body) =>
        [.. body.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()!)];

    /// <summary>The longest array of numbers anywhere in the document (an embedding is hundreds long).</summary>
    private static int LargestNumberArray(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => Math.Max(
            element.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Number) ? element.GetArrayLength() : 0,
            element.EnumerateArray().Select(LargestNumberArray).DefaultIfEmpty(0).Max()),
        JsonValueKind.Object => element.EnumerateObject().Select(p => LargestNumberArray(p.Value)).DefaultIfEmpty(0).Max(),
        _ => 0,
    };
}
