using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace MangaAssist.Telemetry.Tests.Support;

/// <summary>One metric a dashboard widget or an alarm reads: its namespace, name and the names of its dimensions.</summary>
internal sealed record MetricReference(string Namespace, string Name, IReadOnlySet<string> Dimensions, string Where);

/// <summary>Reads the metrics that the CloudWatch dashboard and the alarms of a CloudFormation template refer to.</summary>
internal static partial class CloudWatchReferences
{
    public static IEnumerable<(string Name, YamlMappingNode Properties)> Resources(YamlMappingNode template, string type) =>
        ((YamlMappingNode)template["Resources"]).Children
            .Select(r => (Name: ((YamlScalarNode)r.Key).Value!, Resource: (YamlMappingNode)r.Value))
            .Where(r => Scalar(r.Resource, "Type") == type)
            .Select(r => (r.Name, (YamlMappingNode)r.Resource["Properties"]));

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;

    /// <summary>The metric of a single-metric alarm, or every MetricStat of a metric-math alarm.</summary>
    public static IEnumerable<MetricReference> AlarmMetrics(string alarm, YamlMappingNode properties)
    {
        if (Scalar(properties, "MetricName") is { } name)
        {
            yield return new MetricReference(Scalar(properties, "Namespace")!, name, DimensionNames(properties), alarm);
        }

        if (properties.Children.TryGetValue(new YamlScalarNode("Metrics"), out var metrics))
        {
            foreach (var query in ((YamlSequenceNode)metrics).Cast<YamlMappingNode>())
            {
                if (query.Children.TryGetValue(new YamlScalarNode("MetricStat"), out var stat))
                {
                    var metric = (YamlMappingNode)((YamlMappingNode)stat)["Metric"];
                    yield return new MetricReference(Scalar(metric, "Namespace")!, Scalar(metric, "MetricName")!, DimensionNames(metric), alarm);
                }
            }
        }
    }

    /// <summary>Every metric row and SEARCH expression of the dashboard body (its <c>${…}</c> placeholders filled with dummies).</summary>
    public static IEnumerable<MetricReference> DashboardMetrics(string body)
    {
        using var dashboard = JsonDocument.Parse(Placeholder().Replace(body, "x"));
        foreach (var widget in dashboard.RootElement.GetProperty("widgets").EnumerateArray())
        {
            var title = widget.GetProperty("properties").GetProperty("title").GetString()!;
            foreach (var row in widget.GetProperty("properties").GetProperty("metrics").EnumerateArray())
            {
                var first = row[0];
                if (first.ValueKind == JsonValueKind.Object)
                {
                    var expression = first.GetProperty("expression").GetString()!;
                    foreach (Match search in Search().Matches(expression))
                    {
                        var scope = search.Groups["scope"].Value.Split(',', StringSplitOptions.TrimEntries);
                        yield return new MetricReference(scope[0], search.Groups["name"].Value, scope.Skip(1).ToHashSet(), title);
                    }
                }
                else if (first.GetString() != "...")
                {
                    var strings = row.EnumerateArray().TakeWhile(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList();
                    var dimensions = strings.Skip(2).Where((_, i) => i % 2 == 0).ToHashSet();
                    yield return new MetricReference(strings[0], strings[1], dimensions, title);
                }
            }
        }
    }

    private static HashSet<string> DimensionNames(YamlMappingNode metric) =>
        metric.Children.TryGetValue(new YamlScalarNode("Dimensions"), out var dimensions)
            ? ((YamlSequenceNode)dimensions).Cast<YamlMappingNode>().Select(d => Scalar(d, "Name")!).ToHashSet()
            : [];

    [GeneratedRegex(@"\$\{[^}]+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"SEARCH\('\{(?<scope>[^}]*)\}\s*MetricName=""(?<name>[^""]+)""")]
    private static partial Regex Search();
}
