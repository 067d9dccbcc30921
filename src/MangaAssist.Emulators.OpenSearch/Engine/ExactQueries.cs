using System.Globalization;

namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary><c>match_all</c>.</summary>
internal sealed class MatchAllQuery : Query
{
    public override Dictionary<int, double> Evaluate(IndexSnapshot snapshot) => Constant(snapshot, _ => true);
}

/// <summary>
/// <c>term</c> / <c>terms</c>: any of the values equals the field's value exactly (keyword, boolean, number; on a
/// text field, an analyzed term). Scored as a constant (the boost), not by term statistics.
/// </summary>
internal sealed class TermsQuery(string field, IReadOnlyList<string> values) : Query
{
    public override Dictionary<int, double> Evaluate(IndexSnapshot snapshot)
    {
        var mapping = snapshot.Index.Mapping.Find(field);
        if (mapping is null)
        {
            return [];
        }

        var numbers = values.Select(v => double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : double.NaN).ToArray();
        var analyzed = mapping.Type == FieldType.Text ? values.SelectMany(mapping.SearchAnalyzer.Analyze).ToHashSet(StringComparer.Ordinal) : [];
        return Constant(snapshot, document => mapping.Type switch
        {
            FieldType.Number => document.Numbers.TryGetValue(field, out var own) && own.Any(n => numbers.Contains(n)),
            FieldType.Text => document.Terms.TryGetValue(field, out var terms) && analyzed.Any(terms.ContainsKey),
            _ => document.Keywords.TryGetValue(field, out var keywords) && values.Any(keywords.Contains),
        });
    }
}

/// <summary><c>range</c> on a numeric field (<c>gt</c>, <c>gte</c>, <c>lt</c>, <c>lte</c>), or on a keyword field by ordinal order.</summary>
internal sealed class RangeQuery(string field, RangeBound lower, RangeBound upper) : Query
{
    public override Dictionary<int, double> Evaluate(IndexSnapshot snapshot) => Constant(snapshot, document =>
        document.Numbers.TryGetValue(field, out var numbers) && numbers.Any(n => lower.AllowsAbove(n) && upper.AllowsBelow(n)));
}

/// <summary>One end of a range; <see cref="double.NaN"/> for an open end.</summary>
internal readonly record struct RangeBound(double Value, bool Inclusive)
{
    public static readonly RangeBound Open = new(double.NaN, true);

    public bool AllowsAbove(double n) => double.IsNaN(Value) || (Inclusive ? n >= Value : n > Value);

    public bool AllowsBelow(double n) => double.IsNaN(Value) || (Inclusive ? n <= Value : n < Value);
}

/// <summary><c>exists</c>: the document has a value for the field.</summary>
internal sealed class ExistsQuery(string field) : Query
{
    public override Dictionary<int, double> Evaluate(IndexSnapshot snapshot) => Constant(snapshot, d =>
        d.Terms.ContainsKey(field) || d.Keywords.ContainsKey(field) || d.Numbers.ContainsKey(field) || d.Vectors.ContainsKey(field));
}
