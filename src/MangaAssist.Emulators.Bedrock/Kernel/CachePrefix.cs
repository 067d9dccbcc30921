namespace MangaAssist.Emulators.Bedrock.Kernel;

/// <summary>The request prefix before its last <c>cachePoint</c>: its size in tokens and a stable hash of its content.</summary>
public sealed record CachePrefix(int Tokens, ulong Hash);
