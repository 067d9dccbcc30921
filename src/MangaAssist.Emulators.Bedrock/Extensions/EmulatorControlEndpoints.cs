using MangaAssist.Emulators.Bedrock.Diagnostics;
using MangaAssist.Emulators.Bedrock.Models;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MangaAssist.Emulators.Bedrock.Extensions;

/// <summary>
/// The <c>/_emulator</c> control plane: served models, fault rules, counters and transcripts. No authentication, as the
/// emulator only listens on loopback by default.
/// </summary>
internal static class EmulatorControlEndpoints
{
    public static IEndpointRouteBuilder MapEmulatorControl(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/_emulator");

        group.MapFaultRules();

        group.MapGet("/models", (ModelCatalog models) =>
            TypedResults.Json(new ServedModelList(models.Served()), BedrockJson.Context.ServedModelList));

        group.MapGet("/stats", (EmulatorStats stats) =>
            TypedResults.Json(stats.Snapshot(), BedrockJson.Context.StatsSnapshot));

        group.MapPost("/stats/reset", (EmulatorStats stats, TranscriptStore transcripts) =>
        {
            stats.Reset();
            transcripts.Clear();
            return TypedResults.NoContent();
        });

        // ?contains= searches the whole ring; ?after=N follows it by sequence (what a load tool polls).
        group.MapGet("/transcripts", IResult (string? contains, long? after, int? limit, TranscriptStore transcripts) =>
        {
            if (after is null)
            {
                return TypedResults.Json(new TranscriptList(transcripts.Recent(contains)), BedrockJson.Context.TranscriptList);
            }

            if (after < 0 || limit is <= 0 || contains is not null)
            {
                return BadRequest("after must be ≥ 0, limit ≥ 1, and after cannot be combined with contains.");
            }

            return TypedResults.Json(new TranscriptList(transcripts.After(after.Value, limit ?? 1000)), BedrockJson.Context.TranscriptList);
        });

        return endpoints;
    }

    internal static JsonHttpResult<EmulatorMessage> BadRequest(string message) =>
        TypedResults.Json(new EmulatorMessage(message), BedrockJson.Context.EmulatorMessage, statusCode: StatusCodes.Status400BadRequest);
}
