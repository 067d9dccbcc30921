using MangaAssist.ServiceDefaults.Configuration;

namespace MangaAssist.Orchestrator.Options;

/// <summary>The values Bedrock accepts for a route's features, checked at start-up rather than at the first answer.</summary>
internal static class RouteBedrockChecks
{
    public static void Check(string route, RouteBedrockOptions options, OptionsProblems problems)
    {
        OneOf(route, nameof(options.GuardrailStreamProcessingMode), options.GuardrailStreamProcessingMode, ["sync", "async"], problems);
        OneOf(route, nameof(options.LatencyMode), options.LatencyMode, ["", "standard", "optimized"], problems);
        OneOf(route, nameof(options.ServiceTier), options.ServiceTier, ["", "default", "priority", "flex"], problems);
        if (options.GuardrailId.Length > 0 && options.GuardrailVersion != "DRAFT" && !options.GuardrailVersion.All(char.IsAsciiDigit))
        {
            problems.Add($"{route}:Bedrock:{nameof(options.GuardrailVersion)}", $"must be a version number or DRAFT (was '{options.GuardrailVersion}').");
        }
    }

    private static void OneOf(string route, string name, string value, string[] allowed, OptionsProblems problems)
    {
        if (!allowed.Contains(value, StringComparer.Ordinal))
        {
            problems.Add($"{route}:Bedrock:{name}", $"must be one of {string.Join(", ", allowed.Select(a => a.Length == 0 ? "(empty)" : a))} (was '{value}').");
        }
    }
}
