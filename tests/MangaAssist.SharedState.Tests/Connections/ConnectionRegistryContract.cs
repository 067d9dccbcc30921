using MangaAssist.SharedState.Connections;
using MangaAssist.SharedState.Tests.Support;

namespace MangaAssist.SharedState.Tests.Connections;

public abstract class ConnectionRegistryContract : SharedStateContract<IConnectionRegistry>
{
    protected ConnectionRegistryContract(RedisServer? redis)
        : base(redis)
    {
    }

    private static ClientConnection Connection(string id = "Aa1=", string? session = "s-1", string? user = "u-1") =>
        new(id, session, user, DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));

    [Fact]
    public async Task Get_AfterRegister_ReturnsTheConnection_OnEveryInstance()
    {
        var connection = Connection();
        await Sut(0).RegisterAsync(connection);

        (await Sut(1).GetAsync(connection.ConnectionId)).ShouldBe(connection);
    }

    [Fact]
    public async Task Register_WithoutSessionOrUser_KeepsThemNull()
    {
        var connection = Connection(session: null, user: null);
        await Sut(0).RegisterAsync(connection);

        (await Sut(1).GetAsync(connection.ConnectionId)).ShouldBe(connection);
    }

    [Fact]
    public async Task Remove_ForgetsTheConnection()
    {
        await Sut(0).RegisterAsync(Connection());

        (await Sut(1).RemoveAsync("Aa1=")).ShouldBeTrue();
        (await Sut(0).GetAsync("Aa1=")).ShouldBeNull();
        (await Sut(0).RemoveAsync("Aa1=")).ShouldBeFalse();
    }

    [Fact]
    public async Task Get_Unknown_IsNull() =>
        (await Sut().GetAsync("nope")).ShouldBeNull();

    [Fact]
    public async Task Registration_ExpiresWhenTheConnectionCanLiveNoLonger()
    {
        Instances.Set("SharedState:ConnectionRegistry:Ttl", "00:00:02");
        var connectedAt = (IsRedis ? DateTimeOffset.UtcNow : ClockStart) - TimeSpan.FromMilliseconds(800);
        await Sut(0).RegisterAsync(Connection() with { ConnectedAt = connectedAt });

        await AdvanceAsync(TimeSpan.FromMilliseconds(1500));

        (await Sut(1).GetAsync("Aa1=")).ShouldBeNull();
    }
}

public sealed class InMemoryConnectionRegistryTests() : ConnectionRegistryContract(null);

public sealed class RedisConnectionRegistryTests(RedisServerFixture redis) : ConnectionRegistryContract(redis.Server), IClassFixture<RedisServerFixture>;
