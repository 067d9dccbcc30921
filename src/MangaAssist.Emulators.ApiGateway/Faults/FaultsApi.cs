using System.Text.Json;

namespace MangaAssist.Emulators.ApiGateway.Faults;

/// <summary><c>/_emulator/faults</c>: set (POST), read (GET) and clear (DELETE) the fault rates.</summary>
internal static class FaultsApi
{
    // Unknown members are refused so a misspelt rate is reported instead of silently ignored.
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerOptions.Web)
    {
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
    };

    public static IEndpointRouteBuilder MapFaultsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/_emulator/faults", (FaultInjector faults) => TypedResults.Ok(faults.Current));
        endpoints.MapDelete("/_emulator/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return TypedResults.NoContent();
        });
        endpoints.MapPost("/_emulator/faults", SetAsync);
        return endpoints;
    }

    private static async Task<IResult> SetAsync(HttpRequest request, FaultInjector faults)
    {
        FaultSettings? settings;
        try
        {
            settings = await request.ReadFromJsonAsync<FaultSettings>(Strict, request.HttpContext.RequestAborted);
        }
        catch (InvalidOperationException)
        {
            return TypedResults.BadRequest(new { message = "Content-Type must be application/json." });
        }
        catch (JsonException exception)
        {
            return TypedResults.BadRequest(new { message = $"Body is not a fault settings object: {exception.Message}" });
        }

        if (settings is null)
        {
            return TypedResults.BadRequest(new { message = "Body must be a JSON object such as {\"postToConnection429\":0.05}." });
        }

        var problems = settings.Validate();
        if (problems.Count > 0)
        {
            return TypedResults.BadRequest(new { message = string.Join(" ", problems) });
        }

        faults.Set(settings);
        return TypedResults.Ok(settings);
    }
}
