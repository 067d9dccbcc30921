using MangaAssist.SharedState.Shoppers;
using MangaAssist.SharedState.Tests.Support;

namespace MangaAssist.SharedState.Tests.Shoppers;

public abstract class ConnectionPrincipalsContract : SharedStateContract<IConnectionPrincipals>
{
    private const string Alice = "u_AAAAAAAAAAAAAAAAAAAAAA";
    private const string Bob = "g_BBBBBBBBBBBBBBBBBBBBBB";

    protected ConnectionPrincipalsContract(RedisServer? redis)
        : base(redis)
    {
    }

    [Fact]
    public async Task Find_UnknownConnection_IsNull() =>
        (await Sut().FindAsync("never-connected")).ShouldBeNull();

    [Fact]
    public async Task Find_OwnerRecordedOnOneInstance_IsKnownToAnother()
    {
        await Sut(0).RecordAsync("conn-a", Alice);
        await Sut(0).RecordAsync("conn-b", Bob);

        (await Sut(1).FindAsync("conn-a")).ShouldBe(Alice);
        (await Sut(1).FindAsync("conn-b")).ShouldBe(Bob);
    }

    [Fact]
    public async Task Remove_ForgetsTheConnection_ForInstancesThatHadNotSeenIt()
    {
        await Sut(0).RecordAsync("conn-a", Alice);

        await Sut(0).RemoveAsync("conn-a");

        (await Sut(0).FindAsync("conn-a")).ShouldBeNull();
        (await Sut(1).FindAsync("conn-a")).ShouldBeNull();
    }

    [Fact]
    public async Task Find_AfterTheTtl_IsNull()
    {
        Instances.Set("SharedState:ConnectionPrincipals:Ttl", "00:00:01");
        await Sut(0).RecordAsync("conn-a", Alice);

        await AdvanceAsync(TimeSpan.FromMilliseconds(1300));

        (await Sut(1).FindAsync("conn-a")).ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("u_with:colon")]
    [InlineData("u_glob*")]
    public async Task Record_SomethingThatIsNotAPrincipalId_IsRefused(string owner) =>
        await Should.ThrowAsync<ArgumentException>(() => Sut().RecordAsync("conn-a", owner));
}

public sealed class InMemoryConnectionPrincipalsTests() : ConnectionPrincipalsContract(null);

public sealed class RedisConnectionPrincipalsTests(RedisServerFixture redis) : ConnectionPrincipalsContract(redis.Server), IClassFixture<RedisServerFixture>;
