using System.Text.Json;
using System.Text.Json.Nodes;

namespace MangaAssist.Emulators.OpenSearch.Engine;

/// <summary>
/// One index: its settings and mapping, its documents, and the statistics BM25 needs. Writes take a lock; a search
/// works on an immutable <see cref="IndexSnapshot"/> rebuilt after writes (every write is visible to the next search,
/// as if each request had <c>refresh=true</c>).
/// </summary>
internal sealed class SearchIndex
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredDocument> _documents = new(StringComparer.Ordinal);
    private readonly JsonObject _settings;
    private IndexSnapshot? _snapshot;

    public SearchIndex(string name, JsonElement body)
    {
        Name = name;
        var settings = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("settings", out var s) ? s : default;
        var mappings = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("mappings", out var m) ? m : (JsonElement?)null;
        Mapping = new IndexMapping(mappings, settings.ValueKind == JsonValueKind.Object ? AnalyzerRegistry.FromSettings(settings) : AnalyzerRegistry.FromSettings(default));
        _settings = settings.ValueKind == JsonValueKind.Object ? JsonNode.Parse(settings.GetRawText())!.AsObject() : [];
    }

    public string Name { get; }

    public string Uuid { get; } = Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public IndexMapping Mapping { get; }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _documents.Count;
            }
        }
    }

    /// <summary><c>GET /{index}</c>'s body for this index.</summary>
    public JsonObject Describe()
    {
        lock (_gate)
        {
            var settings = _settings.DeepClone().AsObject();
            var index = settings["index"] as JsonObject ?? [];
            settings["index"] = index;
            index["uuid"] = Uuid;
            index["provided_name"] = Name;
            return new JsonObject { ["aliases"] = new JsonObject(), ["mappings"] = Mapping.ToJson(), ["settings"] = settings };
        }
    }

    /// <summary>Indexes or replaces a document; with <paramref name="createOnly"/> an existing id is a 409.</summary>
    /// <returns>True when the id was new.</returns>
    public bool Put(string id, JsonElement source, bool createOnly)
    {
        lock (_gate)
        {
            var exists = _documents.ContainsKey(id);
            if (exists && createOnly)
            {
                throw new OpenSearchError(409, "version_conflict_engine_exception", $"[{id}]: version conflict, document already exists (current version [1])", Name);
            }

            _documents[id] = StoredDocument.Create(id, source, Mapping);
            _snapshot = null;
            return !exists;
        }
    }

    public bool Delete(string id)
    {
        lock (_gate)
        {
            _snapshot = null;
            return _documents.Remove(id);
        }
    }

    public IndexSnapshot Snapshot()
    {
        lock (_gate)
        {
            return _snapshot ??= IndexSnapshot.Build(this, [.. _documents.Values]);
        }
    }
}
