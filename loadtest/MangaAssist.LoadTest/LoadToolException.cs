namespace MangaAssist.LoadTest;

/// <summary>A problem the tool explains in one message (e.g. a missing redis-server), printed without a stack trace.</summary>
internal sealed class LoadToolException(string message, Exception? inner = null) : Exception(message, inner);
