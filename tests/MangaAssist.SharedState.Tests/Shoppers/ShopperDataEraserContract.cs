using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.Sessions;
using MangaAssist.SharedState.Shoppers;
using MangaAssist.SharedState.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace MangaAssist.SharedState.Tests.Shoppers;

/// <summary>Forgetting a shopper deletes their memory and frame logs everywhere, and nothing of anyone else's.</summary>
public abstract class ShopperDataEraserContract : SharedStateContract<IShopperDataEraser>
{
    private const string Alice = "u_AAAAAAAAAAAAAAAAAAAAAA";
    private const string Bob = "u_BBBBBBBBBBBBBBBBBBBBBB";

    // Bob chose a session id that spells Alice's key segment: it must not be taken for hers.
    private static readonly string BobsTrickSession = $"x:{Alice}:y";

    private readonly RedisServer? _redis;

    protected ShopperDataEraserContract(RedisServer? redis)
        : base(redis) => _redis = redis;

    private ISessionMemory Memory(int instance) => Instances.Get<ISessionMemory>(IsRedis ? instance : 0);

    private IFrameLog Frames(int instance) => Instances.Get<IFrameLog>(IsRedis ? instance : 0);

    [Fact]
    public async Task Erase_DeletesEveryKeyOfTheOwner_AndNothingOfAnyoneElse()
    {
        await Memory(0).AppendTurnAsync(ShopperKeys.Session(Alice, "s-1"), new ConversationTurn(TurnRole.User, "my address is …"));
        await Memory(1).AppendTurnAsync(ShopperKeys.Session(Alice, "s-2"), new ConversationTurn(TurnRole.User, "q"));
        await Frames(0).AppendAsync(ShopperKeys.FrameLog(Alice, "s-1", "c-1"), 0, "{}"u8.ToArray(), isTerminal: false);
        await Memory(0).AppendTurnAsync(ShopperKeys.Session(Bob, "s-1"), new ConversationTurn(TurnRole.User, "bob's"));
        await Memory(0).AppendTurnAsync(ShopperKeys.Session(Bob, BobsTrickSession), new ConversationTurn(TurnRole.User, "bob's trick"));
        await Frames(1).AppendAsync(ShopperKeys.FrameLog(Bob, "s-1", "c-1"), 0, "{}"u8.ToArray(), isTerminal: false);

        var erased = await Sut(1).EraseAsync(Alice);

        erased.DeletedByKind[ShopperKeys.MemoryKind].ShouldBe(2);
        erased.DeletedByKind[ShopperKeys.FrameLogKind].ShouldBe(1);
        (await Memory(0).ReadRecentAsync(ShopperKeys.Session(Alice, "s-1"), 10, 1000)).ShouldBeEmpty();
        (await Memory(0).ReadRecentAsync(ShopperKeys.Session(Alice, "s-2"), 10, 1000)).ShouldBeEmpty();
        (await Memory(1).ReadRecentAsync(ShopperKeys.Session(Bob, "s-1"), 10, 1000)).ShouldHaveSingleItem();
        (await Memory(1).ReadRecentAsync(ShopperKeys.Session(Bob, BobsTrickSession), 10, 1000)).ShouldHaveSingleItem();
        var read = Should.ThrowAsync<FrameLogReadException>(async () =>
        {
            await foreach (var _ in Frames(0).ReadAfterAsync(ShopperKeys.FrameLog(Alice, "s-1", "c-1"), -1))
            {
            }
        });
        (await read).Failure.ShouldBe(FrameLogReadFailure.NotFound);
        if (_redis is not null)
        {
            var left = await KeysMentioningAsync(Alice);
            left.ShouldBe([Instances.Instance(0).GetRequiredService<RedisGateway>().KeyPrefix + "session:" + ShopperKeys.Session(Bob, BobsTrickSession)]);
            (await KeysMentioningAsync(Bob)).Count.ShouldBe(3);
        }
    }

    [Fact]
    public async Task Erase_OwnerWithNoData_DeletesNothing()
    {
        await Memory(0).AppendTurnAsync(ShopperKeys.Session(Bob, "s-1"), new ConversationTurn(TurnRole.User, "bob's"));

        var erased = await Sut(0).EraseAsync(Alice);

        erased.Total.ShouldBe(0);
        (await Memory(0).ReadRecentAsync(ShopperKeys.Session(Bob, "s-1"), 10, 1000)).ShouldHaveSingleItem();
    }

    /// <summary>Every key of this test's prefix whose name contains <paramref name="text"/>, straight from redis-server.</summary>
    private async Task<List<string>> KeysMentioningAsync(string text)
    {
        var prefix = Instances.Instance(0).GetRequiredService<RedisGateway>().KeyPrefix;
        await using var connection = await ConnectionMultiplexer.ConnectAsync(_redis!.Configuration);
        var keys = new List<string>();
        await foreach (var key in connection.GetServers().Single().KeysAsync(pattern: prefix + "*"))
        {
            if (key.ToString().Contains(text, StringComparison.Ordinal))
            {
                keys.Add(key.ToString());
            }
        }

        return keys;
    }
}

public sealed class InMemoryShopperDataEraserTests() : ShopperDataEraserContract(null);

public sealed class RedisShopperDataEraserTests(RedisServerFixture redis) : ShopperDataEraserContract(redis.Server), IClassFixture<RedisServerFixture>;
