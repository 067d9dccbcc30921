using System.Text.RegularExpressions;

namespace MangaAssist.Orchestrator.Tests.Architecture;

/// <summary>
/// Which namespaces of one project use which, read from the source text: <c>using</c> directives
/// (aliases included), fully qualified names, and names qualified relative to the project's root
/// namespace (<c>Diagnostics.ChatTelemetry</c>) when that namespace really declares the type.
/// Only namespaces declared by the project's own files are nodes; other projects are not followed.
/// </summary>
internal sealed partial class NamespaceGraph
{
    private readonly Dictionary<string, HashSet<string>> _edges = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, HashSet<string>> Edges => _edges;

    /// <param name="root">The project's root namespace, e.g. <c>MangaAssist.Orchestrator</c>.</param>
    /// <param name="files">The project's source files.</param>
    public static NamespaceGraph Read(string root, IEnumerable<(string Path, string Text)> files)
    {
        var sources = files.Select(f => (f.Path, Text: StripComments(f.Text), Namespace: NamespaceOf(f.Text))).Where(f => f.Namespace is not null).ToList();
        var typesByNamespace = sources
            .GroupBy(f => f.Namespace!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.SelectMany(f => TypeDeclaration().Matches(f.Text).Select(m => m.Groups["name"].Value)).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

        var graph = new NamespaceGraph();
        foreach (var (_, text, ns) in sources)
        {
            var from = ns!;
            var targets = graph._edges.TryGetValue(from, out var existing) ? existing : graph._edges[from] = new HashSet<string>(StringComparer.Ordinal);
            foreach (Match match in QualifiedName().Matches(text))
            {
                // A using directive or a fully qualified name: the longest declared namespace it starts with,
                // when the name is that namespace itself or one of its types.
                if (LongestNamespace(match.Value, typesByNamespace.Keys) is { } target && target != from
                    && (match.Value.Length == target.Length || typesByNamespace[target].Contains(match.Value[(target.Length + 1)..].Split('.')[0])))
                {
                    targets.Add(target);
                }
            }

            foreach (Match match in RelativeName().Matches(text))
            {
                var candidate = $"{root}.{match.Groups["ns"].Value}";
                if (candidate != from && typesByNamespace.TryGetValue(candidate, out var types) && types.Contains(match.Groups["type"].Value))
                {
                    targets.Add(candidate);
                }
            }
        }

        return graph;
    }

    /// <summary>A cycle as the list of namespaces on it (first repeated at the end), or null.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();

        IReadOnlyList<string>? Visit(string node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in _edges.GetValueOrDefault(node) ?? [])
            {
                if (state.GetValueOrDefault(next) == 1)
                {
                    return [.. path.Skip(path.IndexOf(next)), next];
                }

                if (state.GetValueOrDefault(next) == 0 && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in _edges.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private static string? LongestNamespace(string qualified, IEnumerable<string> namespaces) =>
        namespaces.Where(n => qualified == n || qualified.StartsWith(n + ".", StringComparison.Ordinal)).MaxBy(n => n.Length);

    private static string? NamespaceOf(string text) => FileNamespace().Match(text) is { Success: true } m ? m.Groups["ns"].Value : null;

    private static string StripComments(string text) => Comment().Replace(text, "");

    [GeneratedRegex(@"^namespace\s+(?<ns>[\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex FileNamespace();

    // Comments and string literals name things without depending on them (a meter named after a namespace).
    [GeneratedRegex(@"//[^\n]*|/\*.*?\*/|""(?:[^""\\\n]|\\.)*""", RegexOptions.Singleline)]
    private static partial Regex Comment();

    [GeneratedRegex(@"\bMangaAssist(\.\w+)+")]
    private static partial Regex QualifiedName();

    [GeneratedRegex(@"(?<![\w.])(?<ns>[A-Z]\w*)\.(?<type>[A-Z]\w*)")]
    private static partial Regex RelativeName();

    [GeneratedRegex(@"\b(class|record|struct|interface|enum|delegate\s+[\w<>?,\s]+?)\s+(?<name>[A-Z]\w*)")]
    private static partial Regex TypeDeclaration();
}
