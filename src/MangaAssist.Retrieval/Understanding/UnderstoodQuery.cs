namespace MangaAssist.Retrieval.Understanding;

/// <summary>
/// A question split into what is searched as text and what filters the catalog.
/// </summary>
/// <param name="Text">The normalised question without the constraint phrases (may be empty).</param>
/// <param name="Hard">Explicit constraints (status, volumes, years, price): always applied.</param>
/// <param name="Soft">Genre, demographic, audience and stock words: applied as filters only when nothing else is asked
/// (otherwise their words stay in the text and boost through the genre field): "is X in stock?" must still find X.</param>
/// <param name="HasContent">Whether the remaining text names anything (a title, author or story words).</param>
internal sealed record UnderstoodQuery(string Text, QueryConstraints Hard, QueryConstraints Soft, bool HasContent)
{
    /// <summary>The constraints the index applies.</summary>
    public QueryConstraints Effective => HasContent ? Hard : Hard.And(Soft);

    /// <summary>The question with every constraint phrase, soft words included, blanked: what else was asked.</summary>
    public string Residue { get; init; } = string.Empty;
}
