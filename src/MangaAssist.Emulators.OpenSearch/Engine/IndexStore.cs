using System.Collections.Concurrent;
using System.Text.Json;

namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>Every index and search pipeline of the stand-in, in memory (nothing survives a restart).</summary>
internal sealed class IndexStore
{
    private readonly ConcurrentDictionary<string, SearchIndex> _indices = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SearchPipeline> _pipelines = new(StringComparer.Ordinal);

    public IEnumerable<SearchIndex> Indices => _indices.Values;

    public SearchIndex Create(string name, JsonElement body)
    {
        ValidateName(name);
        var index = new SearchIndex(name, body);
        return _indices.TryAdd(name, index) ? index
            : throw new OpenSearchError(400, "resource_already_exists_exception", $"index [{name}/{_indices[name].Uuid}] already exists", name);
    }

    public SearchIndex Get(string name) =>
        _indices.TryGetValue(name, out var index) ? index : throw OpenSearchError.IndexNotFound(name);

    /// <summary>The index, created with dynamic mapping if missing (OpenSearch's <c>action.auto_create_index</c> default).</summary>
    public SearchIndex GetOrCreate(string name)
    {
        ValidateName(name);
        return _indices.GetOrAdd(name, n => new SearchIndex(n, default));
    }

    public bool Exists(string name) => _indices.ContainsKey(name);

    public void Delete(string name)
    {
        if (!_indices.TryRemove(name, out _))
        {
            throw OpenSearchError.IndexNotFound(name);
        }
    }

    public void PutPipeline(SearchPipeline pipeline) => _pipelines[pipeline.Id] = pipeline;

    public SearchPipeline GetPipeline(string id) =>
        _pipelines.TryGetValue(id, out var pipeline) ? pipeline : throw new OpenSearchError(404, "resource_not_found_exception", $"Search pipeline [{id}] not found");

    public bool DeletePipeline(string id) => _pipelines.TryRemove(id, out _);

    private static void ValidateName(string name)
    {
        if (name.Length is 0 or > 255 || name.StartsWith('_') || name.StartsWith('-') || name.StartsWith('+') || name.Any(c => char.IsUpper(c) || "\\/*?\"<>| ,#:".Contains(c)))
        {
            throw new OpenSearchError(400, "invalid_index_name_exception", $"Invalid index name [{name}], must be lowercase and must not contain any of [ , \", *, \\, <, |, ,, >, /, ?, #, :]", name);
        }
    }
}
