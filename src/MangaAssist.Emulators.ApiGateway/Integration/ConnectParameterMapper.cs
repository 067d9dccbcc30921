using System.Text;
using MangaAssist.Emulators.ApiGateway.Configuration;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace MangaAssist.Emulators.ApiGateway.Integration;

/// <summary>
/// Applies the <c>$connect</c> request parameter mappings to a client's upgrade request: the mapped values become
/// integration headers, and query parameters that were mapped are left out of the forwarded query string, so a token
/// reaches the service in a header and never in a URL that a log line could print.
/// </summary>
internal sealed class ConnectParameterMapper
{
    private readonly IReadOnlyList<RequestParameterMapping> _mappings;
    private readonly HashSet<string> _consumedQueryNames;

    public ConnectParameterMapper(IOptions<ApiGatewayEmulatorOptions> options)
    {
        _mappings = options.Value.ParsedConnectRequestParameters;
        _consumedQueryNames = _mappings
            .Where(m => m.Source == RequestParameterSource.QueryString)
            .Select(m => m.SourceName)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The integration headers the mappings produce; a missing or unsafe source value maps to no header at all.</summary>
    public IEnumerable<KeyValuePair<string, string>> Headers(HttpRequest request)
    {
        foreach (var mapping in _mappings)
        {
            StringValues values = mapping.Source == RequestParameterSource.QueryString
                ? request.Query[mapping.SourceName]
                : request.Headers[mapping.SourceName];
            if (values.Count > 0 && values[0] is { Length: > 0 } value && !value.Any(char.IsControl))
            {
                yield return new(mapping.IntegrationHeader, value);
            }
        }
    }

    /// <summary>The client's raw query string (with its '?') minus the parameters a mapping consumed.</summary>
    public string ForwardedQueryString(QueryString query)
    {
        if (!query.HasValue || _consumedQueryNames.Count == 0)
        {
            return query.Value ?? "";
        }

        var kept = new StringBuilder();
        foreach (var pair in query.Value!.AsSpan(1).Split('&'))
        {
            var raw = query.Value.AsSpan(1)[pair];
            var separator = raw.IndexOf('=');
            var name = Uri.UnescapeDataString((separator < 0 ? raw : raw[..separator]).ToString().Replace('+', ' '));
            if (!_consumedQueryNames.Contains(name))
            {
                kept.Append(kept.Length == 0 ? '?' : '&').Append(raw);
            }
        }

        return kept.ToString();
    }
}
