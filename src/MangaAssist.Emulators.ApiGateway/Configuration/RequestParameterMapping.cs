using System.Diagnostics.CodeAnalysis;

namespace MangaAssist.Emulators.ApiGateway.Configuration;

/// <summary>Where a mapped integration header takes its value from, as in an API Gateway request parameter mapping.</summary>
internal enum RequestParameterSource
{
    QueryString,
    Header,
}

/// <summary>
/// One <c>integration.request.header.{name}</c> = <c>route.request.querystring.{name}</c> (or <c>route.request.header.{name}</c>)
/// entry of a route's request parameters, parsed from the same strings the deployed API definition uses.
/// </summary>
internal sealed record RequestParameterMapping(string IntegrationHeader, RequestParameterSource Source, string SourceName)
{
    public const string TargetPrefix = "integration.request.header.";
    public const string QueryStringPrefix = "route.request.querystring.";
    public const string HeaderPrefix = "route.request.header.";

    public static bool TryParse(string target, string source, [NotNullWhen(true)] out RequestParameterMapping? mapping)
    {
        mapping = null;
        if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal) || !IsToken(target[TargetPrefix.Length..]))
        {
            return false;
        }

        var header = target[TargetPrefix.Length..];
        if (source.StartsWith(QueryStringPrefix, StringComparison.Ordinal) && source.Length > QueryStringPrefix.Length)
        {
            mapping = new RequestParameterMapping(header, RequestParameterSource.QueryString, source[QueryStringPrefix.Length..]);
        }
        else if (source.StartsWith(HeaderPrefix, StringComparison.Ordinal) && IsToken(source[HeaderPrefix.Length..]))
        {
            mapping = new RequestParameterMapping(header, RequestParameterSource.Header, source[HeaderPrefix.Length..]);
        }

        return mapping is not null;
    }

    /// <summary>An HTTP header name (RFC 9110 token characters).</summary>
    private static bool IsToken(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal));
}
