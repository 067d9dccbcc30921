using System.Globalization;
using System.Text.Json;

namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>
/// The query DSL subset the stand-in runs, parsed with OpenSearch's errors: an unknown clause is
/// <c>parsing_exception: unknown query [x]</c>, a clause of the wrong shape a <c>parsing_exception</c> naming it.
/// </summary>
internal static class QueryParser
{
    public static Query Parse(JsonElement clause)
    {
        if (clause.ValueKind != JsonValueKind.Object)
        {
            throw OpenSearchError.Parsing($"[_na] query malformed, must start with start_object");
        }

        using var properties = clause.EnumerateObject();
        if (!properties.MoveNext())
        {
            throw OpenSearchError.Parsing("query malformed, empty clause found");
        }

        var (name, body) = (properties.Current.Name, properties.Current.Value);
        if (properties.MoveNext())
        {
            throw OpenSearchError.Parsing($"[{name}] malformed query, expected [END_OBJECT] but found [FIELD_NAME]");
        }

        return name switch
        {
            "match_all" => new MatchAllQuery { Boost = BoostOf(body) },
            "bool" => Bool(body),
            "term" => Term(body),
            "terms" => Terms(body),
            "range" => Range(body),
            "exists" => new ExistsQuery(Required(body, "exists", "field")),
            "match" => Match(body),
            "multi_match" => MultiMatch(body),
            "knn" => Knn(body),
            "hybrid" => new HybridQuery(List(body, "queries", "hybrid"), body.TryGetProperty("pagination_depth", out var d) && d.TryGetInt32(out var depth) && depth is > 0 and <= 10_000
                ? depth
                : HybridQuery.DefaultDepth),
            _ => throw OpenSearchError.Parsing($"unknown query [{name}]"),
        };
    }

    private static BoolQuery Bool(JsonElement body)
    {
        Expect(body, "bool");
        int? minimum = body.TryGetProperty("minimum_should_match", out var m) && int.TryParse(m.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : null;
        return new BoolQuery(Clauses(body, "must"), Clauses(body, "filter"), Clauses(body, "should"), Clauses(body, "must_not"), minimum) { Boost = BoostOf(body) };
    }

    private static List<Query> Clauses(JsonElement body, string name) =>
        !body.TryGetProperty(name, out var value) ? []
        : value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(Parse)]
        : [Parse(value)];

    private static List<Query> List(JsonElement body, string name, string query)
    {
        Expect(body, query);
        return body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0
            ? [.. value.EnumerateArray().Select(Parse)]
            : throw OpenSearchError.Parsing($"[{query}] requires '{name}' field with at least one clause");
    }

    private static TermsQuery Term(JsonElement body)
    {
        var (field, value) = Single(body, "term");
        return value.ValueKind == JsonValueKind.Object
            ? new TermsQuery(field, [Scalar(value.TryGetProperty("value", out var v) ? v : default, "term")]) { Boost = BoostOf(value) }
            : new TermsQuery(field, [Scalar(value, "term")]);
    }

    private static TermsQuery Terms(JsonElement body)
    {
        Expect(body, "terms");
        var fields = body.EnumerateObject().Where(p => p.Name != "boost").ToList();
        if (fields.Count != 1 || fields[0].Value.ValueKind != JsonValueKind.Array)
        {
            throw OpenSearchError.Parsing("[terms] query requires one field with an array of values");
        }

        return new TermsQuery(fields[0].Name, [.. fields[0].Value.EnumerateArray().Select(v => Scalar(v, "terms"))]) { Boost = BoostOf(body) };
    }

    private static RangeQuery Range(JsonElement body)
    {
        var (field, bounds) = Single(body, "range");
        Expect(bounds, "range");
        RangeBound Bound(string inclusive, string exclusive) =>
            bounds.TryGetProperty(inclusive, out var i) ? new(Number(i, inclusive), true)
            : bounds.TryGetProperty(exclusive, out var e) ? new(Number(e, exclusive), false)
            : RangeBound.Open;
        return new RangeQuery(field, Bound("gte", "gt"), Bound("lte", "lt")) { Boost = BoostOf(bounds) };
    }

    private static MatchQuery Match(JsonElement body)
    {
        var (field, value) = Single(body, "match");
        return value.ValueKind == JsonValueKind.Object
            ? new MatchQuery(field, Required(value, "match", "query"), IsAnd(value)) { Boost = BoostOf(value) }
            : new MatchQuery(field, Scalar(value, "match"), false);
    }

    private static MultiMatchQuery MultiMatch(JsonElement body)
    {
        Expect(body, "multi_match");
        var text = Required(body, "multi_match", "query");
        var type = body.TryGetProperty("type", out var t) ? t.GetString() : "best_fields";
        if (type is not ("best_fields" or "most_fields"))
        {
            throw OpenSearchError.IllegalArgument($"[multi_match] type [{type}] is not supported by the stand-in (best_fields, most_fields)");
        }

        var fields = body.TryGetProperty("fields", out var f) && f.ValueKind == JsonValueKind.Array
            ? f.EnumerateArray().Select(e => FieldBoost(e.GetString() ?? string.Empty)).ToList()
            : throw OpenSearchError.Parsing("[multi_match] requires 'fields' (the stand-in has no default field)");
        var tie = body.TryGetProperty("tie_breaker", out var tb) ? Number(tb, "tie_breaker") : 0;
        return new MultiMatchQuery(text, fields, type == "most_fields", tie, IsAnd(body)) { Boost = BoostOf(body) };
    }

    private static KnnQuery Knn(JsonElement body)
    {
        var (field, spec) = Single(body, "knn");
        Expect(spec, "knn");
        var vector = spec.TryGetProperty("vector", out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(e => (float)Number(e, "vector")).ToArray()
            : throw OpenSearchError.Parsing("[knn] requires 'vector'");
        var k = spec.TryGetProperty("k", out var kk) && kk.TryGetInt32(out var n) && n is > 0 and <= 10_000
            ? n
            : throw OpenSearchError.IllegalArgument("[knn] requires 'k' between 1 and 10000");
        var filter = spec.TryGetProperty("filter", out var f) ? Parse(f) : null;
        return new KnnQuery(field, vector, k, filter) { Boost = BoostOf(spec) };
    }

    private static (string Field, double Boost) FieldBoost(string spec)
    {
        var caret = spec.IndexOf('^', StringComparison.Ordinal);
        return caret < 0 ? (spec, 1)
            : double.TryParse(spec.AsSpan(caret + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var boost) ? (spec[..caret], boost)
            : throw OpenSearchError.Parsing($"[multi_match] field boost [{spec}] is not a number");
    }

    private static (string Field, JsonElement Value) Single(JsonElement body, string query)
    {
        Expect(body, query);
        var fields = body.EnumerateObject().Where(p => p.Name != "boost" && p.Name != "_name").ToList();
        return fields.Count == 1 ? (fields[0].Name, fields[0].Value)
            : throw OpenSearchError.Parsing($"[{query}] query doesn't support multiple fields, found [{string.Join("] and [", fields.Select(p => p.Name))}]");
    }

    private static void Expect(JsonElement body, string query)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw OpenSearchError.Parsing($"[{query}] query malformed, no start_object after query name");
        }
    }

    private static string Required(JsonElement body, string query, string name) =>
        body.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.String or JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
            ? Scalar(value, query)
            : throw OpenSearchError.Parsing($"[{query}] requires '{name}'");

    private static string Scalar(JsonElement value, string query) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => throw OpenSearchError.Parsing($"[{query}] unknown token [{value.ValueKind}]"),
    };

    private static double Number(JsonElement value, string name) =>
        value.ValueKind == JsonValueKind.Number ? value.GetDouble()
        : value.ValueKind == JsonValueKind.String && double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n
        : throw OpenSearchError.Parsing($"[{name}] must be a number");

    private static double BoostOf(JsonElement body) =>
        body.ValueKind == JsonValueKind.Object && body.TryGetProperty("boost", out var b) ? Number(b, "boost") : 1;

    private static bool IsAnd(JsonElement body) =>
        body.TryGetProperty("operator", out var o) && string.Equals(o.GetString(), "and", StringComparison.OrdinalIgnoreCase);
}
