namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>A parsed query clause: evaluated over a snapshot to the matching documents (by ordinal) and their scores.</summary>
internal abstract class Query
{
    public double Boost { get; init; } = 1;

    public abstract Dictionary<int, double> Evaluate(IndexSnapshot snapshot);

    /// <summary>Every document of <paramref name="snapshot"/> that satisfies <paramref name="accept"/>, with score <see cref="Boost"/>.</summary>
    protected Dictionary<int, double> Constant(IndexSnapshot snapshot, Func<StoredDocument, bool> accept)
    {
        var result = new Dictionary<int, double>();
        for (var i = 0; i < snapshot.Documents.Length; i++)
        {
            if (accept(snapshot.Documents[i]))
            {
                result[i] = Boost;
            }
        }

        return result;
    }
}
