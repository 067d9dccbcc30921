using MangaAssist.SharedState.Sessions;
using MangaAssist.SharedState.Tests.Support;

namespace MangaAssist.SharedState.Tests.Sessions;

public abstract class SessionMemoryContract : SharedStateContract<ISessionMemory>
{
    protected SessionMemoryContract(RedisServer? redis)
        : base(redis)
    {
    }

    private static ConversationTurn User(string text) => new(TurnRole.User, text);

    private static ConversationTurn Assistant(string text) => new(TurnRole.Assistant, text);

    [Fact]
    public async Task ReadRecent_UnknownSession_IsEmpty() =>
        (await Sut().ReadRecentAsync("nobody", 10, 1000)).ShouldBeEmpty();

    [Fact]
    public async Task ReadRecent_ReturnsTurnsOldestFirst_OnEveryInstance()
    {
        await Sut(0).AppendTurnAsync("s-1", User("おすすめの少年漫画は？"));
        await Sut(1).AppendTurnAsync("s-1", Assistant("『ワンピース』です。"));

        (await Sut(0).ReadRecentAsync("s-1", 10, 1000)).ShouldBe([User("おすすめの少年漫画は？"), Assistant("『ワンピース』です。")]);
    }

    [Fact]
    public async Task ReadRecent_KeepsTheNewestWithinTheTurnCount()
    {
        for (var i = 0; i < 6; i++)
        {
            await Sut().AppendTurnAsync("s", User($"q{i}"));
        }

        (await Sut(1).ReadRecentAsync("s", 3, 1000)).Select(t => t.Text).ShouldBe(["q3", "q4", "q5"]);
    }

    [Fact]
    public async Task ReadRecent_KeepsTheNewestWithinTheTokenBudget()
    {
        await Sut().AppendTurnAsync("s", User("一二三四五六七八九十"));
        await Sut().AppendTurnAsync("s", Assistant("一二三四五"));
        await Sut().AppendTurnAsync("s", User("一二三"));

        (await Sut(1).ReadRecentAsync("s", 10, 8)).Select(t => t.Text).ShouldBe(["一二三四五", "一二三"]);
        (await Sut(1).ReadRecentAsync("s", 10, 2)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Append_BeyondMaxStoredTurns_DropsTheOldest()
    {
        Instances.Set("SharedState:SessionMemory:MaxStoredTurns", "3");
        for (var i = 0; i < 5; i++)
        {
            await Sut().AppendTurnAsync("s", User($"q{i}"));
        }

        (await Sut(1).ReadRecentAsync("s", 10, 1000)).Select(t => t.Text).ShouldBe(["q2", "q3", "q4"]);
    }

    [Fact]
    public async Task Session_ExpiresAfterTtl_ButEachWriteRestartsIt()
    {
        Instances.Set("SharedState:SessionMemory:Ttl", "00:00:02");
        await Sut().AppendTurnAsync("s", User("q0"));
        await AdvanceAsync(TimeSpan.FromMilliseconds(1000));
        await Sut().AppendTurnAsync("s", User("q1"));
        await AdvanceAsync(TimeSpan.FromMilliseconds(1000));

        (await Sut(1).ReadRecentAsync("s", 10, 1000)).Count.ShouldBe(2);

        await AdvanceAsync(TimeSpan.FromMilliseconds(1100));
        (await Sut(1).ReadRecentAsync("s", 10, 1000)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AppendTurns_AddsThemInOrder_SeenByEveryInstance()
    {
        await Sut(0).AppendTurnAsync("s-many", User("q0"));

        await Sut(1).AppendTurnsAsync("s-many", [User("q1"), Assistant("a1")]);

        (await Sut(0).ReadRecentAsync("s-many", 10, 1000)).ShouldBe([User("q0"), User("q1"), Assistant("a1")]);
    }
}

public sealed class InMemorySessionMemoryTests() : SessionMemoryContract(null);

public sealed class RedisSessionMemoryTests(RedisServerFixture redis) : SessionMemoryContract(redis.Server), IClassFixture<RedisServerFixture>;

public sealed class TokenEstimateTests
{
    [Theory]
    [InlineData("", 0)]
    [InlineData("abcd", 1)]
    [InlineData("abcde", 2)]
    [InlineData("ワンピース", 5)]
    [InlineData("ＯＮＥ PIECE", 5)]
    public void Of_CountsWideCharactersOneEach_OthersFourToAToken(string text, int expected) =>
        TokenEstimate.Of(text).ShouldBe(expected);
}
