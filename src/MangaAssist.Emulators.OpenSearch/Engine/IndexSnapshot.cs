namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>Per text field: how many documents have it, their mean length, and each term's postings (document ordinal, frequency).</summary>
internal sealed record FieldStatistics(int DocumentCount, double AverageLength, Dictionary<string, List<(int Document, int Frequency)>> Postings);

/// <summary>The documents of an index at one moment and their BM25 statistics; immutable, shared by searches.</summary>
internal sealed class IndexSnapshot
{
    private IndexSnapshot(SearchIndex index, StoredDocument[] documents, Dictionary<string, FieldStatistics> statistics)
    {
        Index = index;
        Documents = documents;
        Statistics = statistics;
    }

    public SearchIndex Index { get; }

    public StoredDocument[] Documents { get; }

    public Dictionary<string, FieldStatistics> Statistics { get; }

    public static IndexSnapshot Build(SearchIndex index, StoredDocument[] documents)
    {
        var statistics = new Dictionary<string, FieldStatistics>(StringComparer.Ordinal);
        foreach (var field in index.Mapping.Fields.Where(f => f.Type == FieldType.Text))
        {
            var postings = new Dictionary<string, List<(int, int)>>(StringComparer.Ordinal);
            long total = 0;
            var count = 0;
            for (var d = 0; d < documents.Length; d++)
            {
                if (!documents[d].Terms.TryGetValue(field.Path, out var terms))
                {
                    continue;
                }

                count++;
                total += documents[d].Lengths[field.Path];
                foreach (var (term, frequency) in terms)
                {
                    if (!postings.TryGetValue(term, out var list))
                    {
                        postings[term] = list = [];
                    }

                    list.Add((d, frequency));
                }
            }

            statistics[field.Path] = new FieldStatistics(count, count == 0 ? 0 : (double)total / count, postings);
        }

        return new IndexSnapshot(index, documents, statistics);
    }
}
