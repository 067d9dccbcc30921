using MangaAssist.Orchestrator.Options;

namespace MangaAssist.EndToEnd.Tests.Failover;

/// <summary>
/// The default <c>sendMessage</c> chain and the fault-rule scopes that single out each model: the primary's id is
/// part of its fallback's (the US profile adds a prefix), so a rule on the primary's scope matches both and the
/// fallback's longer scope (which wins) keeps the fallback apart.
/// </summary>
public static class DefaultRoute
{
    private static readonly IReadOnlyList<string> Chain = new ChatRoutesOptions().SendMessage.ModelChain;

    public static string Primary => Chain[0];

    public static string Fallback => Chain[1];

    /// <summary>Posts <paramref name="primaryRule"/> for the primary and a rule without faults for the fallback.</summary>
    public static async Task FaultThePrimaryOnlyAsync(Support.EdgeStack stack, Dictionary<string, object> primaryRule)
    {
        await stack.ClearBedrockFaultsAsync();
        primaryRule["model"] = Primary;
        await stack.SetBedrockFaultsAsync(primaryRule);
        await stack.SetBedrockFaultsAsync(new { model = Fallback });
    }
}
