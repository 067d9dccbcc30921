using MangaAssist.SharedState.Redis;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace MangaAssist.SharedState.Tests.Internal;

public sealed class RedisFirstConnectionTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public void ConnectionFailures_AreDebugWhileTheStartUpPatienceLasts_EvenAfterTheFirstConnection()
    {
        var clock = new FakeTimeProvider();
        var first = new RedisFirstConnection(Patience, clock);

        first.FailureLogLevel.ShouldBe(LogLevel.Debug);
        first.MarkConnected();
        clock.Advance(Patience - TimeSpan.FromMilliseconds(1));
        first.FailureLogLevel.ShouldBe(LogLevel.Debug, "one of the two connections may still fail to connect on a busy host");
    }

    [Fact]
    public void ConnectionFailures_AreWarningsOnceThePatienceIsOver_ConnectedOrNot()
    {
        var clock = new FakeTimeProvider();
        var neverConnected = new RedisFirstConnection(Patience, clock);
        var connected = new RedisFirstConnection(Patience, clock);
        connected.MarkConnected();

        clock.Advance(Patience);

        neverConnected.FailureLogLevel.ShouldBe(LogLevel.Warning);
        connected.FailureLogLevel.ShouldBe(LogLevel.Warning);
        neverConnected.Awaited.ShouldBeFalse();
    }

    [Fact]
    public void RefusedCalls_AreRetriedUntilRedisAnsweredOnce_AndOnlyWithinThePatience()
    {
        var clock = new FakeTimeProvider();
        var answered = new RedisFirstConnection(Patience, clock);
        var silent = new RedisFirstConnection(Patience, clock);

        answered.MarkConnected();
        answered.Starting.ShouldBeTrue("connected is not yet answered: the link may still refuse a command");
        answered.MarkAnswered();
        answered.Starting.ShouldBeFalse("after one answer a refusal is an outage for the circuit to count");

        clock.Advance(Patience);
        silent.Starting.ShouldBeFalse("past the patience a refusal is an outage even before any answer");
    }
}
