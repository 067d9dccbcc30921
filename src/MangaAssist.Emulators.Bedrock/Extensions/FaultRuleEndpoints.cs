using System.Text.Json;
using MangaAssist.Emulators.Bedrock.Diagnostics;
using MangaAssist.Emulators.Bedrock.Faults;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MangaAssist.Emulators.Bedrock.Extensions;

/// <summary>
/// <c>/_emulator/faults</c>: POST puts a rule in force for its model scope, GET lists the rules in force, DELETE clears
/// all of them (and the <c>xK</c> counters) or, with <c>?model=</c>, one scope. A field the rule does not have is a
/// 400 naming the fields it has, so a typo never runs silently without faults.
/// </summary>
internal static class FaultRuleEndpoints
{
    public static RouteGroupBuilder MapFaultRules(this RouteGroupBuilder group)
    {
        group.MapGet("/faults", (FaultRuleBook rules) =>
            TypedResults.Json(new FaultRuleList(rules.InForce()), BedrockJson.Context.FaultRuleList));

        group.MapPost("/faults", SetAsync);

        group.MapDelete("/faults", (string? model, FaultRuleBook rules, MarkerRequestCounter counter, ILogger<FaultRuleBook> logger) =>
        {
            rules.Clear(model);
            if (model is null)
            {
                counter.Clear();
            }

            Log.FaultRulesCleared(logger, model ?? "(all)");
            return TypedResults.NoContent();
        });

        return group;
    }

    /// <summary>The JSON names a request may use: every property of the rule but the one the emulator sets.</summary>
    internal static IReadOnlyList<string> KnownFields { get; } = BedrockJson.Context.FaultRule.Properties
        .Select(p => p.Name)
        .Where(name => name != "expiresAt")
        .ToArray();

    private static async Task<IResult> SetAsync(HttpContext context, FaultRuleBook rules, ILogger<FaultRuleBook> logger)
    {
        FaultRule? rule;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return EmulatorControlEndpoints.BadRequest("Send a JSON object with the fault rule's fields.");
            }

            var unknown = document.RootElement.EnumerateObject()
                .Select(p => p.Name)
                .Where(name => !KnownFields.Contains(name, StringComparer.OrdinalIgnoreCase))
                .ToArray();
            if (unknown.Length > 0)
            {
                return EmulatorControlEndpoints.BadRequest($"Unknown field(s): {string.Join(", ", unknown)}. Known fields: {string.Join(", ", KnownFields)}.");
            }

            rule = document.RootElement.Deserialize(BedrockJson.Context.FaultRule);
        }
        catch (JsonException exception)
        {
            return EmulatorControlEndpoints.BadRequest($"The fault rule is not valid JSON: {exception.Message}");
        }

        if (rule is null)
        {
            return EmulatorControlEndpoints.BadRequest("Send a JSON object with the fault rule's fields.");
        }

        var problems = rule.Problems();
        if (problems.Count > 0)
        {
            return EmulatorControlEndpoints.BadRequest(string.Join(" ", problems));
        }

        var inForce = rules.Set(rule);
        Log.FaultRuleSet(logger, inForce);
        return TypedResults.Json(inForce, BedrockJson.Context.FaultRule);
    }
}
