using System.Text.Json.Serialization;

namespace MangaAssist.Orchestrator.Apis.CatalogSearch;

/// <summary>One page of results; <see cref="NextCursor"/> is null on the last page, <see cref="Debug"/> absent unless asked for.</summary>
public sealed record CatalogSearchResponse(
    IReadOnlyList<CatalogSearchItem> Results,
    string? NextCursor,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CatalogSearchDebug? Debug);

/// <summary>
/// One product as the catalog API shows it: curated fields and the relevance score, never the vector, the passage
/// the model sees or the full synopsis (only a short blurb).
/// </summary>
public sealed record CatalogSearchItem(
    string Id,
    double Score,
    string Title,
    string? JapaneseTitle,
    string? Author,
    string? Series,
    IReadOnlyList<string> Genres,
    string? Demographic,
    int? Volumes,
    string? Status,
    int? Year,
    int? PriceJpy,
    string? Availability,
    string Url,
    string? Blurb);

/// <summary>Only with <c>debug=true</c> where debug output is allowed (never Production): how the page was cut from the ranked results.</summary>
/// <param name="Retrieved">Results the retriever gave for the query (at most <see cref="RequestedTopK"/>).</param>
/// <param name="RequestedTopK">The k the search asked the retriever for.</param>
/// <param name="PageStart">0-based position of this page's first result in the stable ordering.</param>
public sealed record CatalogSearchDebug(int Retrieved, int RequestedTopK, int PageStart);
