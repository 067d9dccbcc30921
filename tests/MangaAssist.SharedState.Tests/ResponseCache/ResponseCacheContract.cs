using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Tests.Support;

namespace MangaAssist.SharedState.Tests.ResponseCache;

public abstract class ResponseCacheContract : SharedStateContract<IResponseCache>
{
    protected ResponseCacheContract(RedisServer? redis)
        : base(redis)
    {
    }

    private static CompletedAnswer Answer(string text = "『ワンピース』は110巻まで出ています。", string stopReason = "end_turn") =>
        new(text, "anthropic.claude-3-haiku-20240307-v1:0", stopReason, new AnswerUsage(812, 240), [new AnswerCitation("op-110", "ONE PIECE 110", "https://example.jp/op/110")]);

    private static ResponseCacheKey Key(string question = "ワンピースは何巻まで？") => ResponseCacheKey.Create("haiku", question, "fp", "stateless");

    [Fact]
    public async Task TryGet_NothingStored_IsNull() =>
        (await Sut().TryGetAsync(Key())).ShouldBeNull();

    [Fact]
    public async Task TryGet_AfterSet_ReturnsTheWholeAnswer_OnEveryInstance()
    {
        (await Sut(0).SetAsync(Key(), Answer())).ShouldBeTrue();

        (await Sut(0).TryGetAsync(Key())).ShouldBe(Answer());
        (await Sut(1).TryGetAsync(Key("ワンピースは何巻まで?"))).ShouldBe(Answer());
    }

    [Fact]
    public async Task Set_AnswerThatDidNotEndTurn_IsNotStored()
    {
        (await Sut().SetAsync(Key(), Answer(stopReason: "max_tokens"))).ShouldBeFalse();

        (await Sut().TryGetAsync(Key())).ShouldBeNull();
    }

    [Fact]
    public async Task Set_Again_ReplacesTheAnswer()
    {
        await Sut().SetAsync(Key(), Answer("first"));
        await Sut().SetAsync(Key(), Answer("second"));

        (await Sut().TryGetAsync(Key()))!.Text.ShouldBe("second");
    }

    [Fact]
    public async Task TryGet_AfterTtl_IsNull()
    {
        Instances.Set("SharedState:ResponseCache:Ttl", "00:00:01");
        await Sut().SetAsync(Key(), Answer());

        await AdvanceAsync(TimeSpan.FromMilliseconds(1200));

        (await Sut().TryGetAsync(Key())).ShouldBeNull();
    }
}

public sealed class InMemoryResponseCacheTests() : ResponseCacheContract(null);

public sealed class RedisResponseCacheTests(RedisServerFixture redis) : ResponseCacheContract(redis.Server), IClassFixture<RedisServerFixture>;
