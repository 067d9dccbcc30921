namespace MangaAssist.Aws.Bedrock;

/// <summary>Bedrock Runtime operation paths; the model id is one path segment, so <c>:</c> and <c>/</c> (ARNs) are escaped.</summary>
internal static class BedrockRuntimePaths
{
    public static string Converse(string modelId) => "/model/" + Uri.EscapeDataString(modelId) + "/converse";

    public static string ConverseStream(string modelId) => "/model/" + Uri.EscapeDataString(modelId) + "/converse-stream";

    public static string Invoke(string modelId) => "/model/" + Uri.EscapeDataString(modelId) + "/invoke";
}
