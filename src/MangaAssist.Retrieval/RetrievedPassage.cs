namespace MangaAssist.Retrieval;

/// <summary>One retrieved product, ready for the prompt. Carries text only: never an embedding.</summary>
/// <param name="ProductId">Catalog id, for example <c>MA-00042</c>.</param>
/// <param name="Title">English title.</param>
/// <param name="JapaneseTitle">Japanese title.</param>
/// <param name="Url">Product page.</param>
/// <param name="Snippet">The text the model sees: title, author, genres, volumes, price, availability and synopsis.</param>
/// <param name="Score">Fused relevance score (higher is better; comparable within one answer only).</param>
/// <param name="PriceJpy">Price of one volume in yen, for the client's product card; null when unknown.</param>
public sealed record RetrievedPassage(string ProductId, string Title, string JapaneseTitle, string Url, string Snippet, double Score, int? PriceJpy = null);
