using MangaAssist.Orchestrator.Diagnostics;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.SharedState.Phases;
using MangaAssist.SharedState.ResponseCache;

namespace MangaAssist.Orchestrator.Pipeline.Sources;

/// <summary>
/// The response cache: a complete answer to the same first question, replayed at once; a new
/// model answer the model ended itself is stored for the next shopper. The cache is an
/// optimisation: when Redis fails, the request is simply answered on its own.
/// </summary>
public sealed class ResponseCacheSource(IResponseCache cache, ChatTelemetry telemetry, ILogger<ResponseCacheSource> logger, IAnswerPhases? phases = null) : IAnswerSource
{
    public async Task<CompletedAnswer?> ProduceAsync(Production production, Func<Production, Task<CompletedAnswer?>> nextSource)
    {
        if (production.SharedKey is not { } key)
        {
            return await nextSource(production);
        }

        CompletedAnswer? cached;
        using (var lookup = ChatTelemetry.ActivitySource.StartActivity("cache lookup"))
        {
            cached = await TryGetAsync(key, production);
            lookup?.SetTag("mangaassist.cache.hit", cached is not null);
            telemetry.RecordCacheLookup(cached is not null);
        }

        if (cached is not null)
        {
            production.Source = AnswerSource.Cache;
            production.Emit(cached.Text);
            return cached;
        }

        var answer = await nextSource(production);
        if (answer is not null && production.Source.CalledModel() && answer.IsCacheable)
        {
            if (production.Settlement is { } settlement)
            {
                settlement.StoreInCache(key, answer);
            }
            else
            {
                await StoreAsync(key, answer, production.Request.RequestId);
            }
        }

        return answer;
    }

    private async Task<CompletedAnswer?> TryGetAsync(ResponseCacheKey key, Production production)
    {
        try
        {
            if (phases is not null && production.Settlement is { } settlement)
            {
                // With Redis the lookup also joins the answer's flight on a miss: one round trip for both.
                var reply = await phases.LookupAsync(key, settlement, production.Token);
                production.JoinedFlight = reply.Flight;
                return reply.Cached;
            }

            return await cache.TryGetAsync(key, production.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.SharedAnswersUnavailable(logger, production.Request.RequestId, exception.GetType().Name);
            return null;
        }
    }

    private async Task StoreAsync(ResponseCacheKey key, CompletedAnswer answer, string requestId)
    {
        try
        {
            await cache.SetAsync(key, answer);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Log.SharedAnswersUnavailable(logger, requestId, exception.GetType().Name);
        }
    }
}
