using MangaAssist.Emulators.Bedrock.Answers;
using MangaAssist.Emulators.Bedrock.Errors;
using MangaAssist.Emulators.Bedrock.Faults;
using MangaAssist.Emulators.Bedrock.Configuration;
using MangaAssist.Emulators.Bedrock.Markers;
using MangaAssist.Emulators.Bedrock.Models;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>Shared front half of Converse and ConverseStream: model check, body validation, markers, answer, fault.</summary>
internal sealed class ChatRequestPreparer(
    ModelCatalog models,
    FaultPlanner faults,
    TimeProvider time,
    IOptions<BedrockEmulatorOptions> options)
{
    public async Task<(PreparedChat? Chat, BedrockError? Error)> PrepareAsync(HttpContext context, string modelId, BedrockOperation operation)
    {
        var modelError = models.Check(modelId, operation);
        if (modelError is not null)
        {
            return (null, modelError);
        }

        var (request, requestError) = await ConverseRequestReader.ReadAsync(context, modelId);
        if (request is null)
        {
            return (null, requestError);
        }

        var markers = MarkerParser.Parse(request.LastUserMessage);
        if (markers.Error is not null)
        {
            return (null, BedrockErrors.Validation(markers.Error));
        }

        var settings = options.Value;
        var answer = AnswerComposer.Compose(request, markers.AnswerTokens ?? settings.DefaultAnswerTokens);
        var fault = faults.Plan(request.LastUserMessage, markers);
        var pacer = new AnswerPacer(
            time,
            TimeSpan.FromMilliseconds(markers.TimeToFirstTokenMs ?? settings.TimeToFirstTokenMs),
            markers.TokensPerSecond ?? settings.TokensPerSecond);

        return (new PreparedChat(request, answer, fault, pacer), null);
    }
}
