using Microsoft.Extensions.AI;

namespace MangaAssist.Aws.Bedrock;

/// <summary>
/// A Converse <c>cachePoint</c> block: everything before it in the request (tools, system, messages) is a
/// prefix Bedrock may cache. Put it after content that repeats across calls; a model without prompt caching
/// rejects it, so callers add it only where the capability table says so.
/// </summary>
public sealed class CachePointContent : AIContent
{
    public static CachePointContent Default { get; } = new();
}
