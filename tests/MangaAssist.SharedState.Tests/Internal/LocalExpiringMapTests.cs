using MangaAssist.SharedState.Internal;
using Microsoft.Extensions.Time.Testing;

namespace MangaAssist.SharedState.Tests.Internal;

public sealed class LocalExpiringMapTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Full_ExpiredEntriesGoFirst_AndLiveOnesStay()
    {
        var map = new LocalExpiringMap<int>(_time, maxEntries: 32);
        for (var i = 0; i < 16; i++)
        {
            map.Set($"short-{i}", i, TimeSpan.FromSeconds(1));
            map.Set($"long-{i}", i, TimeSpan.FromMinutes(10));
        }

        _time.Advance(TimeSpan.FromSeconds(2));
        map.Set("new", 1, TimeSpan.FromMinutes(10));

        map.Count.ShouldBe(17);
        Enumerable.Range(0, 16).Count(i => map.TryGet($"long-{i}", out _)).ShouldBe(16);
        map.TryGet("new", out var value).ShouldBeTrue();
        value.ShouldBe(1);
    }

    [Fact]
    public void FullOfLiveEntries_TheSixteenthClosestToExpiryGo_InOneBatch()
    {
        var map = new LocalExpiringMap<int>(_time, maxEntries: 64);
        // Inserted in an order unrelated to their expiry: entry i expires after (i * 37 % 64) + 1 minutes.
        for (var i = 0; i < 64; i++)
        {
            map.Set($"k{i}", i, TimeSpan.FromMinutes((i * 37 % 64) + 1));
        }

        map.Set("new", 64, TimeSpan.FromHours(1));

        // 64 / 16 = 4 made room: the four that expire soonest (after 1 to 4 minutes) are gone, nothing else.
        map.Count.ShouldBe(61);
        var gone = Enumerable.Range(0, 64).Where(i => !map.TryGet($"k{i}", out _)).Select(i => (i * 37 % 64) + 1).Order().ToArray();
        gone.ShouldBe([1, 2, 3, 4]);

        // Room was made for more than one: the next three new keys evict nothing.
        map.Set("a", 0, TimeSpan.FromHours(1));
        map.Set("b", 0, TimeSpan.FromHours(1));
        map.Set("c", 0, TimeSpan.FromHours(1));
        map.Count.ShouldBe(64);
    }

    [Fact]
    public void Full_OverwritingAKnownKey_EvictsNothing()
    {
        var map = new LocalExpiringMap<int>(_time, maxEntries: 4);
        for (var i = 0; i < 4; i++)
        {
            map.Set($"k{i}", i, TimeSpan.FromMinutes(i + 1));
        }

        map.Set("k0", 10, TimeSpan.FromMinutes(1));

        map.Count.ShouldBe(4);
        map.TryGet("k0", out var value).ShouldBeTrue();
        value.ShouldBe(10);
    }
}
