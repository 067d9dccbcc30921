using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace MangaAssist.Emulators.ApiGateway.Configuration;

/// <summary>A parsed <c>$request.body.&lt;dotted.path&gt;</c> expression that reads a route key out of a JSON message.</summary>
internal sealed class RouteSelectionExpression
{
    private const string Prefix = "$request.body.";

    private readonly string[] _path;

    private RouteSelectionExpression(string[] path) => _path = path;

    public static bool TryParse(string? expression, [NotNullWhen(true)] out RouteSelectionExpression? parsed)
    {
        parsed = null;
        if (expression is null || !expression.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var path = expression[Prefix.Length..].Split('.');
        if (path.Any(string.IsNullOrWhiteSpace))
        {
            return false;
        }

        parsed = new RouteSelectionExpression(path);
        return true;
    }

    /// <summary>The selected value, or null when the body is not JSON or the path does not lead to a scalar.</summary>
    public string? Evaluate(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var element = document.RootElement;
            foreach (var segment in _path)
            {
                if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(segment, out element))
                {
                    return null;
                }
            }

            return element.ValueKind switch
            {
                JsonValueKind.String => element.GetString(),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => element.GetRawText(),
                _ => null,
            };
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
