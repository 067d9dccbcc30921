using System.Text;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.SharedState.AnswerFlights;
using MangaAssist.SharedState.Phases;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.Orchestrator.Pipeline.Sources;

/// <summary>
/// Single-flight: identical first questions asked at the same time share one generation. A
/// follower relays the leader's answer as it is produced; when that breaks off, the model
/// continues from the text already relayed. The leader publishes its text and ends the flight.
/// </summary>
public sealed class SharedFlightSource(IAnswerFlights flights, ILogger<SharedFlightSource> logger) : IAnswerSource
{
    public async Task<CompletedAnswer?> ProduceAsync(Production production, Func<Production, Task<CompletedAnswer?>> nextSource)
    {
        var flight = production.JoinedFlight ?? (production.SharedKey is { } key ? await JoinAsync(key, production) : null);
        if (flight is null)
        {
            return await nextSource(production);
        }

        if (flight is FlightLeader carried && production.Settlement?.Carries(carried) == true)
        {
            return await LeadCarriedAsync(carried, production.Settlement, production, nextSource);
        }

        production.HoldUntilProduced(flight);
        if (flight is FlightFollower follower)
        {
            var (shared, relayed) = await RelayAsync(follower, production);
            if (shared is not null)
            {
                production.Source = AnswerSource.SharedFlight;
                return shared;
            }

            production.AlreadyDelivered = relayed;
            return await nextSource(production);
        }

        var leader = (FlightLeader)flight;
        production.LeadsFlight = true;
        production.AlsoEmitTo(leader.PublishText);
        var answer = await nextSource(production);
        await TellFollowersAsync(production, () => answer is not null
            ? leader.CompleteAsync(answer, CancellationToken.None)
            : leader.FailAsync(production.Generation!.Outcome.Reason, CancellationToken.None));
        return answer;
    }

    /// <summary>Leads a flight whose events ride in the answer's own writes: the settlement ends it with the last frame.</summary>
    private static async Task<CompletedAnswer?> LeadCarriedAsync(
        FlightLeader leader, AnswerSettlement settlement, Production production, Func<Production, Task<CompletedAnswer?>> nextSource)
    {
        production.LeadsFlight = true;
        production.AlsoEmitTo(leader.PublishText);
        var answer = await nextSource(production);
        if (answer is not null)
        {
            settlement.EndFlight(answer);
        }
        else if (production.Generation is { } generation)
        {
            settlement.FailFlight(generation.Outcome.Reason);
        }

        return answer;
    }

    private async Task<AnswerFlight?> JoinAsync(ResponseCacheKey key, Production production)
    {
        try
        {
            return await flights.JoinOrLeadAsync(key.Value, production.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.SharedAnswersUnavailable(logger, production.Request.RequestId, exception.GetType().Name);
            return null;
        }
    }

    /// <summary>Passes on the leader's answer as it is produced; returns it when complete, else the text passed on.</summary>
    private async Task<(CompletedAnswer? Answer, string Relayed)> RelayAsync(FlightFollower follower, Production production)
    {
        var relayed = new StringBuilder();
        var reason = FlightFailureReasons.LeaderLost;
        await foreach (var flightEvent in follower.ReadEventsAsync(production.Token))
        {
            switch (flightEvent.Kind)
            {
                case FlightEventKind.Text:
                    relayed.Append(flightEvent.Text);
                    production.Emit(flightEvent.Text!);
                    break;
                case FlightEventKind.Completed:
                    return (flightEvent.Answer, relayed.ToString());
                default:
                    reason = flightEvent.FailureReason ?? reason;
                    break;
            }
        }

        Log.SharedAnswerBroke(logger, production.Request.RequestId, reason, relayed.Length);
        return (null, relayed.ToString());
    }

    /// <summary>Ends the flight; its followers cope on their own if that fails, and this answer is unaffected.</summary>
    private async Task TellFollowersAsync(Production production, Func<Task> end)
    {
        try
        {
            await end();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.SharedAnswersUnavailable(logger, production.Request.RequestId, exception.GetType().Name);
        }
    }
}
