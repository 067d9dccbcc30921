namespace MangaAssist.Orchestrator.Protocol;

/// <summary>A catalog product the answer cited, as the client shows it: nothing else of the retrieved passage.</summary>
public sealed record Citation(string Id, string Title, string Url);
