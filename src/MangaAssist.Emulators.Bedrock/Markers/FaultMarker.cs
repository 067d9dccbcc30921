using MangaAssist.Emulators.Bedrock.Faults;

namespace MangaAssist.Emulators.Bedrock.Markers;

/// <summary>
/// One <c>[[fault:KIND[:N][:xK]]]</c> marker: the fault, the tokens sent before it strikes (mid-stream kinds),
/// and <see cref="FirstRequests"/>: when set, only the first K requests carrying the same message (and the same
/// <see cref="ModelFilter"/>, the marker's <c>@TEXT</c>) are faulted.
/// </summary>
public sealed record FaultMarker(FaultKind Kind, int AfterTokens, int? FirstRequests, string? ModelFilter = null);
