using MangaAssist.Orchestrator.Intake;
using MangaAssist.Orchestrator.Pipeline;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Spend;

namespace MangaAssist.Orchestrator.Jobs;

/// <summary>
/// Charges a finished job's output tokens and price to its owner's budgets and to the fleet's spend window, as a
/// chat answer is charged: before its <c>done</c>, so the next request already meets the spend.
/// </summary>
public sealed class JobCharges(RequestLimits limits, ISpendWindow? fleetSpend = null)
{
    public async Task ChargeAsync(ChatRequest request, AnswerUsage usage)
    {
        await limits.ChargeOutputAsync(request, usage.OutputTokens);
        if (usage.Cost is decimal cost && cost > 0)
        {
            await limits.ChargeSpendAsync(request, cost);
            if (fleetSpend is not null)
            {
                await fleetSpend.AddAsync(cost, CancellationToken.None);
            }
        }
    }
}
