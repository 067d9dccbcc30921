namespace MangaAssist.Emulators.Bedrock.Diagnostics;

/// <summary>The body of <c>GET /_emulator/transcripts</c>.</summary>
public sealed record TranscriptList(IReadOnlyList<Transcript> Transcripts);
