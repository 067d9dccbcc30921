using MangaAssist.LoadTest;
using MangaAssist.LoadTest.Cli;
using MangaAssist.LoadTest.Peers;
using MangaAssist.LoadTest.Reporting;
using MangaAssist.LoadTest.Running;

var (options, problems) = ArgumentParser.Parse(args);
if (options is null)
{
    foreach (var problem in problems)
    {
        Console.Error.WriteLine(problem);
    }

    Console.WriteLine(ArgumentParser.UsageText());
    return problems.Count == 0 ? 0 : 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

if (options.Profile.PeerComparison)
{
    try
    {
        var comparison = await new PeerComparisonRun(options, Console.Out).RunAsync(cancel.Token);
        var (comparisonJson, comparisonMarkdown) = ReportFiles.Write(comparison, options.ResultsDirectory);
        Console.WriteLine();
        Console.Write(ComparisonMarkdown.Summary(comparison));
        Console.WriteLine($"report: {comparisonMarkdown}");
        Console.WriteLine($"        {comparisonJson}");
        return comparison.ProblemTotal == 0 ? 0 : 1;
    }
    catch (LoadToolException exception)
    {
        Console.Error.WriteLine(exception.Message);
        return 2;
    }
}

LoadReport report;
try
{
    using var run = new LoadRun(options, Console.Out);
    report = await run.RunAsync(cancel.Token);
}
catch (LoadToolException exception)
{
    Console.Error.WriteLine(exception.Message);
    return 2;
}

var (json, markdown) = ReportFiles.Write(report, options.ResultsDirectory);
Console.WriteLine();
Console.Write(MarkdownReport.Summary(report));
Console.WriteLine($"report: {markdown}");
Console.WriteLine($"        {json}");
return report.ViolationTotal == 0 ? 0 : 1;
