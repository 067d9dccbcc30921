using MangaAssist.SharedState.AnswerFlights;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Tests.Support;

namespace MangaAssist.SharedState.Tests.AnswerFlights;

public abstract class AnswerFlightsContract : SharedStateContract<IAnswerFlights>
{
    protected AnswerFlightsContract(RedisServer? redis)
        : base(redis)
    {
    }

    protected static readonly string[] Pieces = ["おすすめは", "『ワンピース』と", "『NARUTO』です。", "どちらも長編です。"];

    protected static CompletedAnswer AnswerOf(string text) => new(text, "haiku", "end_turn", new AnswerUsage(100, 40), [new AnswerCitation("op", "ONE PIECE", "https://example.jp/op")]);

    protected static async Task<(string Text, FlightEvent Last, int Terminals)> ReadAllAsync(FlightFollower follower)
    {
        var text = new System.Text.StringBuilder();
        FlightEvent? last = null;
        var terminals = 0;
        await foreach (var flightEvent in follower.ReadEventsAsync())
        {
            text.Append(flightEvent.Text);
            terminals += flightEvent.IsTerminal ? 1 : 0;
            last = flightEvent;
        }

        return (text.ToString(), last!, terminals);
    }

    [Fact]
    public async Task JoinOrLead_FirstLeads_SecondFollows()
    {
        await using var first = await Sut(0).JoinOrLeadAsync("k");
        await using var second = await Sut(1).JoinOrLeadAsync("k");
        await using var other = await Sut(1).JoinOrLeadAsync("other");

        first.ShouldBeAssignableTo<FlightLeader>();
        second.ShouldBeAssignableTo<FlightFollower>();
        other.ShouldBeAssignableTo<FlightLeader>();
    }

    [Fact]
    public async Task Follower_ReceivesTextInOrder_ThenTheCompletion()
    {
        await using var leader = (FlightLeader)await Sut(0).JoinOrLeadAsync("k");
        await using var follower = (FlightFollower)await Sut(1).JoinOrLeadAsync("k");
        var reading = ReadAllAsync(follower);

        foreach (var piece in Pieces)
        {
            leader.PublishText(piece);
        }

        await leader.CompleteAsync(AnswerOf(string.Concat(Pieces)));
        var (text, last, terminals) = await reading;

        text.ShouldBe(string.Concat(Pieces));
        last.Kind.ShouldBe(FlightEventKind.Completed);
        last.Answer.ShouldBe(AnswerOf(string.Concat(Pieces)));
        terminals.ShouldBe(1);
    }

    [Fact]
    public async Task Follower_JoiningMidFlight_ReceivesEverythingFromTheStart()
    {
        await using var leader = (FlightLeader)await Sut(0).JoinOrLeadAsync("k");
        leader.PublishText(Pieces[0]);
        leader.PublishText(Pieces[1]);
        await using var early = (FlightFollower)await Sut(1).JoinOrLeadAsync("k");
        var earlyReading = ReadAllAsync(early);
        leader.PublishText(Pieces[2]);
        await using var late = (FlightFollower)await Sut(1).JoinOrLeadAsync("k");
        var lateReading = ReadAllAsync(late);
        leader.PublishText(Pieces[3]);

        await leader.CompleteAsync(AnswerOf(string.Concat(Pieces)));

        (await earlyReading).Text.ShouldBe(string.Concat(Pieces));
        (await lateReading).Text.ShouldBe(string.Concat(Pieces));
    }

    [Fact]
    public async Task HundredConcurrentJoins_OneLeader_NinetyNineFollowersGetTheIdenticalText()
    {
        var joins = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() => Sut(i % 2).JoinOrLeadAsync("burst"))));
        try
        {
            var leaders = joins.OfType<FlightLeader>().ToList();
            var followers = joins.OfType<FlightFollower>().ToList();
            leaders.Count.ShouldBe(1);
            followers.Count.ShouldBe(99);

            var readings = followers.Select(ReadAllAsync).ToList();
            var answer = string.Concat(Enumerable.Range(0, 200).Select(i => $"{i}:{Pieces[i % Pieces.Length]} "));
            foreach (var i in Enumerable.Range(0, 200))
            {
                leaders[0].PublishText($"{i}:{Pieces[i % Pieces.Length]} ");
            }

            await leaders[0].CompleteAsync(AnswerOf(answer));
            var results = await Task.WhenAll(readings);

            results.ShouldAllBe(r => r.Text == answer && r.Last.Kind == FlightEventKind.Completed && r.Terminals == 1 && r.Last.Answer!.Text == answer);
        }
        finally
        {
            foreach (var join in joins)
            {
                await join.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task LeaderFails_FollowersGetItsReason_AndTheNextJoinLeads()
    {
        await using (var leader = (FlightLeader)await Sut(0).JoinOrLeadAsync("k"))
        {
            await using var follower = (FlightFollower)await Sut(1).JoinOrLeadAsync("k");
            var reading = ReadAllAsync(follower);
            leader.PublishText("部分");

            await leader.FailAsync("throttled");

            var (text, last, _) = await reading;
            text.ShouldBe("部分");
            last.Kind.ShouldBe(FlightEventKind.Failed);
            last.FailureReason.ShouldBe("throttled");
        }

        await using var retry = await Sut(1).JoinOrLeadAsync("k");
        retry.ShouldBeAssignableTo<FlightLeader>();
    }

    [Fact]
    public async Task LeaderDisposedWithoutEnding_FollowersAreToldItWasAbandoned()
    {
        var leader = (FlightLeader)await Sut(0).JoinOrLeadAsync("k");
        await using var follower = (FlightFollower)await Sut(1).JoinOrLeadAsync("k");
        var reading = ReadAllAsync(follower);

        await leader.DisposeAsync();

        (await reading).Last.FailureReason.ShouldBe(FlightFailureReasons.LeaderAbandoned);
    }

    [Fact]
    public async Task JoinShortlyAfterCompletion_ReplaysTheCompletedFlight()
    {
        await using (var leader = (FlightLeader)await Sut(0).JoinOrLeadAsync("k"))
        {
            leader.PublishText("全部");
            await leader.CompleteAsync(AnswerOf("全部"));
        }

        await using var late = await Sut(1).JoinOrLeadAsync("k");

        var (text, last, _) = await ReadAllAsync(late.ShouldBeAssignableTo<FlightFollower>()!);
        text.ShouldBe("全部");
        last.Answer!.Text.ShouldBe("全部");
    }

    [Fact]
    public async Task JoinAfterTheLinger_LeadsAnew()
    {
        Instances.Set("SharedState:AnswerFlights:CompletedLinger", "00:00:00.200");
        await using (var leader = (FlightLeader)await Sut(0).JoinOrLeadAsync("k"))
        {
            await leader.CompleteAsync(AnswerOf(string.Empty));
        }

        await AdvanceAsync(TimeSpan.FromMilliseconds(400));

        await using var next = await Sut(1).JoinOrLeadAsync("k");
        next.ShouldBeAssignableTo<FlightLeader>();
    }

    [Fact]
    public async Task Complete_WithTextOtherThanPublished_Throws()
    {
        await using var leader = (FlightLeader)await Sut().JoinOrLeadAsync("k");
        leader.PublishText("abc");

        await Should.ThrowAsync<ArgumentException>(() => leader.CompleteAsync(AnswerOf("abcd")));
    }

    [Fact]
    public async Task Follower_EventsCanBeReadOnce()
    {
        await using var leader = await Sut(0).JoinOrLeadAsync("k");
        await using var follower = (FlightFollower)await Sut(1).JoinOrLeadAsync("k");
        _ = follower.ReadEventsAsync();

        Should.Throw<InvalidOperationException>(() => follower.ReadEventsAsync());
    }
}

public sealed class InMemoryAnswerFlightsTests() : AnswerFlightsContract(null);

public sealed class RedisAnswerFlightsTests(RedisServerFixture redis) : AnswerFlightsContract(redis.Server), IClassFixture<RedisServerFixture>
{
    [Fact]
    public async Task LeaderInstanceDies_FollowersGetLeaderLost_AndCanLeadTheRetry()
    {
        Instances.Set("SharedState:AnswerFlights:LeaseDuration", "00:00:01.500");
        Instances.Set("SharedState:AnswerFlights:PollInterval", "00:00:00.100");
        var leader = (FlightLeader)await Sut(0).JoinOrLeadAsync("k");
        leader.PublishText("途中まで");
        var followers = new List<FlightFollower>();
        for (var i = 0; i < 3; i++)
        {
            followers.Add((FlightFollower)await Sut(1).JoinOrLeadAsync("k"));
        }

        var readers = followers.Select(f => f.ReadEventsAsync().GetAsyncEnumerator()).ToList();
        foreach (var reader in readers)
        {
            (await reader.MoveNextAsync()).ShouldBeTrue();
            reader.Current.Text.ShouldBe("途中まで");
        }

        await Instances.StopAsync(0);

        foreach (var reader in readers)
        {
            (await reader.MoveNextAsync()).ShouldBeTrue();
            reader.Current.FailureReason.ShouldBe(FlightFailureReasons.LeaderLost);
            (await reader.MoveNextAsync()).ShouldBeFalse();
            await reader.DisposeAsync();
        }

        await using var retry = await Sut(1).JoinOrLeadAsync("k");
        retry.ShouldBeAssignableTo<FlightLeader>();
    }

    [Fact]
    public async Task FollowerJoiningAfterEventsWereTrimmed_IsToldTheFlightIsTruncated()
    {
        Instances.Set("SharedState:AnswerFlights:MaxEvents", "16");
        await using var leader = (FlightLeader)await Sut(0).JoinOrLeadAsync("k");
        await using var early = (FlightFollower)await Sut(0).JoinOrLeadAsync("k");
        await using var events = early.ReadEventsAsync().GetAsyncEnumerator();
        for (var i = 0; i < 40; i++)
        {
            // Waiting for each piece to arrive makes every piece its own event.
            leader.PublishText($"{i} ");
            (await events.MoveNextAsync()).ShouldBeTrue();
            events.Current.Text.ShouldBe($"{i} ");
        }

        await leader.CompleteAsync(AnswerOf(string.Concat(Enumerable.Range(0, 40).Select(i => $"{i} "))));
        await using var late = (FlightFollower)await Sut(1).JoinOrLeadAsync("k");

        (await ReadAllAsync(late)).Last.FailureReason.ShouldBe(FlightFailureReasons.Truncated);
    }
}
