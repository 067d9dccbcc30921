using System.Text;
using MangaAssist.Emulators.Bedrock.Answers;
using MangaAssist.Emulators.Bedrock.Kernel;

namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>Finds the prefix a request asks Bedrock to cache: system blocks, then messages, up to the last <c>cachePoint</c>.</summary>
internal static class CachePrefixReader
{
    public static CachePrefix? Read(ConverseRequestBody body, string modelId)
    {
        var prefix = new StringBuilder();
        CachePrefix? last = null;
        foreach (var block in (body.System ?? []).Concat((body.Messages ?? []).SelectMany(m => m.Content ?? [])))
        {
            if (block.CachePoint is not null)
            {
                var text = prefix.ToString();
                last = new CachePrefix(TokenSplitter.Count(text), StableHash.Of(modelId, text));
                continue;
            }

            prefix.Append(block.AllText).Append('\u001E');
        }

        return last;
    }
}
