using MangaAssist.ServiceDefaults.Configuration;

namespace MangaAssist.Emulators.Bedrock.Configuration;

/// <summary>The emulator's rules beyond its DataAnnotations: a listen URL Kestrel accepts, model ids without whitespace.</summary>
internal static class BedrockEmulatorOptionsChecks
{
    public static void Check(BedrockEmulatorOptions options, OptionsProblems problems)
    {
        if (!HttpUrls.IsAbsoluteHttp(options.Url))
        {
            problems.Add(nameof(options.Url), $"'{options.Url}' is not an absolute http:// or https:// URL.");
        }

        foreach (var id in options.AdditionalModelIds)
        {
            if (string.IsNullOrWhiteSpace(id) || id.Any(char.IsWhiteSpace))
            {
                problems.Add(nameof(options.AdditionalModelIds), $"'{id}' is not a model id (empty or contains whitespace).");
            }
        }
    }
}
