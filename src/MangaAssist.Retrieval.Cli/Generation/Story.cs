namespace MangaAssist.Retrieval.Cli.Generation;

/// <summary>
/// What a product's story is made of: an index into the main genre's <see cref="GenreVocabulary.Premises"/>, and
/// indexes into <see cref="Vocabulary"/> for role, setting and hero.
/// </summary>
internal sealed record Story(int Premise, int Role, int Setting, int Hero);
