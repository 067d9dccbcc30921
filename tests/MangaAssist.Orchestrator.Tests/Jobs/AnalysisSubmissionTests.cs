using MangaAssist.Orchestrator.Jobs;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Jobs;

public sealed class AnalysisSubmissionTests
{
    [Theory]
    [InlineData(null, "hi", null, null)]
    [InlineData("s", "  ", null, null)]
    [InlineData("s", "hi", "a", "b")]
    [InlineData("s", "hi", null, "has space")]
    public void Problem_ForBadInput_SaysWhat(string? sessionId, string? message, string? header, string? field) =>
        new AnalysisSubmission(sessionId, message, field).Problem(128, 4000, header).ShouldNotBeNull();

    [Fact]
    public void Problem_ForAGoodSubmission_IsNone() =>
        new AnalysisSubmission("s-1", "Compare two series", "key-1").Problem(128, 4000, "key-1").ShouldBeNull();

    [Fact]
    public void Problem_ForAMessageOverTheLimit_SaysWhat() =>
        new AnalysisSubmission("s-1", new string('x', 11), null).Problem(128, 10, null).ShouldNotBeNull();
}
