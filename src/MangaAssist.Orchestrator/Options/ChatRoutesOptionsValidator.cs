using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Options;

/// <summary>Checks both routes at start-up and reports every problem at once.</summary>
public sealed class ChatRoutesOptionsValidator : IValidateOptions<ChatRoutesOptions>
{
    public ValidateOptionsResult Validate(string? name, ChatRoutesOptions options)
    {
        var failures = new List<string>();
        Check("Routes:SendMessage", options.SendMessage, failures);
        Check("Routes:Analyze", options.Analyze, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(string path, ChatRouteOptions route, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(route.ModelId))
        {
            failures.Add($"{path}:ModelId is required (a Bedrock model id or inference profile id).");
        }

        if (route.MaxTokens is < 1 or > 8192)
        {
            failures.Add($"{path}:MaxTokens must be between 1 and 8192 (was {route.MaxTokens}).");
        }

        if (route.RetrievalTopK is < 0 or > 50)
        {
            failures.Add($"{path}:RetrievalTopK must be between 0 (no retrieval) and 50 (was {route.RetrievalTopK}).");
        }

        if (route.ContextTokenBudget is < 0 or > 100_000)
        {
            failures.Add($"{path}:ContextTokenBudget must be between 0 and 100000 (was {route.ContextTokenBudget}).");
        }

        if (route.Temperature is < 0 or > 1)
        {
            failures.Add($"{path}:Temperature must be between 0 and 1 (was {route.Temperature}).");
        }

        if (string.IsNullOrWhiteSpace(route.SystemPrompt))
        {
            failures.Add($"{path}:SystemPrompt must not be empty.");
        }

        CheckPositive(path, "FirstTokenTimeout", route.FirstTokenTimeout, failures);
        CheckPositive(path, "IdleTimeout", route.IdleTimeout, failures);
        CheckPositive(path, "TotalTimeout", route.TotalTimeout, failures);
        if (route.TotalTimeout < route.FirstTokenTimeout)
        {
            failures.Add($"{path}:TotalTimeout ({route.TotalTimeout}) must not be shorter than FirstTokenTimeout ({route.FirstTokenTimeout}).");
        }
    }

    private static void CheckPositive(string path, string name, TimeSpan value, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{path}:{name} must be a positive duration such as 00:00:20 (was {value}).");
        }
    }
}
