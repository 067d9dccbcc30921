using System.Text.Json;
using System.Text.RegularExpressions;
using MangaAssist.Telemetry.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace MangaAssist.Telemetry.Tests;

/// <summary>
/// container/ validates without AWS: every CloudFormation template and the collector config parse; the dashboard and
/// the alarms read only metrics the service emits, with dimension sets the collector actually sends; every alarm links
/// to a runbook page that exists; the task definition runs the collector next to the service.
/// </summary>
public sealed partial class ObservabilityAsCodeTests
{
    /// <summary>Instruments of libraries the service registers (Microsoft.Extensions.AI's GenAI client metrics, meter MangaAssist.Aws.Bedrock.GenAI).</summary>
    private static readonly string[] LibraryInstruments = ["gen_ai.client.token.usage", "gen_ai.client.operation.duration"];

    private static string Observability => Path.Combine(Repository.Root, "container", "observability");

    [Fact]
    public void EveryCloudFormationTemplate_Parses_WithTypedResources()
    {
        var templates = Directory.GetFiles(Path.Combine(Repository.Root, "container"), "*.template.*", SearchOption.AllDirectories);
        templates.Length.ShouldBeGreaterThanOrEqualTo(2);
        foreach (var path in templates)
        {
            // JSON is YAML, so one parser reads both kinds; CloudFormation's short tags stay as node tags.
            var template = LoadYaml(path);
            CloudFormationKeys(template).ShouldContain("Resources", path);
            var resources = (YamlMappingNode)template["Resources"];
            resources.Children.ShouldNotBeEmpty(path);
            foreach (var resource in resources.Children.Values.Cast<YamlMappingNode>())
            {
                CloudWatchReferences.Scalar(resource, "Type").ShouldNotBeNull().ShouldMatch("^AWS::[A-Za-z0-9]+::[A-Za-z0-9]+$");
            }
        }
    }

    [Fact]
    public void CollectorConfig_Parses_AndItsPipelinesUseOnlyDefinedComponents()
    {
        var config = LoadYaml(Path.Combine(Observability, "adot-collector.yaml"));
        var pipelines = (YamlMappingNode)((YamlMappingNode)config["service"])["pipelines"];
        pipelines.Children.Keys.Select(k => ((YamlScalarNode)k).Value).ShouldBe(["traces", "metrics", "logs"], ignoreOrder: true);
        foreach (var (kind, section) in new[] { ("receivers", "receivers"), ("processors", "processors"), ("exporters", "exporters") })
        {
            var defined = ((YamlMappingNode)config[section]).Children.Keys.Select(k => ((YamlScalarNode)k).Value).ToHashSet();
            foreach (var pipeline in pipelines.Children.Values.Cast<YamlMappingNode>())
            {
                foreach (var used in ((YamlSequenceNode)pipeline[kind]).Cast<YamlScalarNode>())
                {
                    defined.ShouldContain(used.Value, $"{kind} '{used.Value}' is used by a pipeline but not defined");
                }
            }
        }

        ((YamlSequenceNode)((YamlMappingNode)pipelines["traces"])["exporters"]).Cast<YamlScalarNode>().Select(s => s.Value).ShouldContain("awsxray");
        ((YamlSequenceNode)((YamlMappingNode)pipelines["metrics"])["exporters"]).Cast<YamlScalarNode>().Select(s => s.Value).ShouldContain("awsemf");
        var emitted = EmittedInstruments();
        foreach (var (selector, _) in MetricDeclarations(config))
        {
            emitted.ShouldContain(name => selector.IsMatch(name), $"the collector selects {selector}, which no instrument of the service matches");
        }
    }

    [Fact]
    public void DashboardAndAlarms_ReadOnlyMetricsTheServiceEmits_WithDimensionsTheCollectorSends()
    {
        var template = LoadYaml(Path.Combine(Observability, "dashboard-and-alarms.template.yaml"));
        var dashboard = CloudWatchReferences.Resources(template, "AWS::CloudWatch::Dashboard").Single();
        var references = CloudWatchReferences.DashboardMetrics(CloudWatchReferences.Scalar(dashboard.Properties, "DashboardBody")!)
            .Concat(CloudWatchReferences.Resources(template, "AWS::CloudWatch::Alarm").SelectMany(a => CloudWatchReferences.AlarmMetrics(a.Name, a.Properties)))
            .ToList();
        references.Count.ShouldBeGreaterThan(20);

        var emitted = EmittedInstruments();
        var declarations = MetricDeclarations(LoadYaml(Path.Combine(Observability, "adot-collector.yaml")));
        var ours = references.Where(r => r.Namespace == "MangaAssist").ToList();
        ours.ShouldNotBeEmpty();
        foreach (var reference in ours)
        {
            emitted.ShouldContain(reference.Name, $"{reference.Where} reads {reference.Name}, which the service does not emit");
            var sent = declarations.Where(d => d.Selector.IsMatch(reference.Name)).SelectMany(d => d.DimensionSets).ToList();
            sent.ShouldContain(set => set.SetEquals(reference.Dimensions),
                $"{reference.Where} reads {reference.Name} by [{string.Join(", ", reference.Dimensions)}], a dimension set the collector does not send");
        }

        references.Where(r => r.Namespace != "MangaAssist").Select(r => r.Namespace).Distinct()
            .ShouldBe(["AWS/ApiGateway", "AWS/Bedrock", "AWS/ECS"], ignoreOrder: true);
    }

    [Fact]
    public void EveryAlarm_LinksToARunbookPageThatExists()
    {
        var template = LoadYaml(Path.Combine(Observability, "dashboard-and-alarms.template.yaml"));
        var alarms = CloudWatchReferences.Resources(template, "AWS::CloudWatch::Alarm").ToList();
        alarms.Count.ShouldBeGreaterThanOrEqualTo(8);
        foreach (var (name, properties) in alarms)
        {
            var description = CloudWatchReferences.Scalar(properties, "AlarmDescription").ShouldNotBeNull(name);
            var link = RunbookLink().Match(description);
            link.Success.ShouldBeTrue($"{name}'s description has no runbook link: {description}");
            File.Exists(Path.Combine(Repository.Root, "docs", "runbooks", link.Groups["page"].Value)).ShouldBeTrue($"{name} links to a missing runbook {link.Groups["page"].Value}");
        }
    }

    [Fact]
    public void TaskDefinition_RunsTheCollectorSidecar_BeforeTheService()
    {
        using var task = JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "container", "ecs", "task-definition.json")));
        var containers = task.RootElement.GetProperty("containerDefinitions").EnumerateArray().ToList();
        var sidecar = containers.Single(c => c.GetProperty("image").GetString()!.Contains("aws-otel-collector", StringComparison.Ordinal));
        // The collector reads its configuration (adot-collector.yaml, stored as an SSM parameter) from this variable.
        sidecar.GetProperty("secrets").EnumerateArray().ShouldContain(e => e.GetProperty("name").GetString() == "AOT_CONFIG_CONTENT");
        var service = containers.Single(c => c.GetProperty("name").GetString() == "orchestrator");
        service.GetProperty("dependsOn").EnumerateArray()
            .ShouldContain(d => d.GetProperty("containerName").GetString() == sidecar.GetProperty("name").GetString() && d.GetProperty("condition").GetString() == "START");
        service.GetProperty("environment").EnumerateArray()
            .ShouldContain(e => e.GetProperty("name").GetString() == "OTEL_EXPORTER_OTLP_ENDPOINT" && e.GetProperty("value").GetString() == "http://localhost:4318");
    }

    /// <summary>Instrument names created by the service's meters (read from src/), and the library instruments it registers.</summary>
    private static HashSet<string> EmittedInstruments()
    {
        var names = Directory.GetFiles(Path.Combine(Repository.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(path => Instrument().Matches(File.ReadAllText(path)).Select(m => m.Groups["name"].Value))
            .ToHashSet();
        names.ShouldContain("mangaassist.chat.time_to_first_token", "the source scan finds the service's instruments");
        names.UnionWith(LibraryInstruments);
        return names;
    }

    private static List<(Regex Selector, List<HashSet<string>> DimensionSets)> MetricDeclarations(YamlMappingNode config)
    {
        var emf = (YamlMappingNode)((YamlMappingNode)config["exporters"])["awsemf"];
        return ((YamlSequenceNode)emf["metric_declarations"]).Cast<YamlMappingNode>()
            .SelectMany(declaration =>
            {
                var sets = ((YamlSequenceNode)declaration["dimensions"]).Cast<YamlSequenceNode>()
                    .Select(set => set.Cast<YamlScalarNode>().Select(s => s.Value!).ToHashSet()).ToList();
                return ((YamlSequenceNode)declaration["metric_name_selectors"]).Cast<YamlScalarNode>()
                    .Select(selector => (new Regex(selector.Value!, RegexOptions.CultureInvariant), sets));
            })
            .ToList();
    }

    private static YamlMappingNode LoadYaml(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static IEnumerable<string?> CloudFormationKeys(YamlMappingNode template) => template.Children.Keys.Select(k => ((YamlScalarNode)k).Value);

    [GeneratedRegex(@"Create(?:Counter|Histogram|UpDownCounter|Gauge|ObservableGauge|ObservableCounter|ObservableUpDownCounter)(?:<[^>]+>)?\(\s*""(?<name>[^""]+)""")]
    private static partial Regex Instrument();

    [GeneratedRegex(@"\$\{RunbookBaseUrl\}/(?<page>[a-z0-9-]+\.md)")]
    private static partial Regex RunbookLink();
}
