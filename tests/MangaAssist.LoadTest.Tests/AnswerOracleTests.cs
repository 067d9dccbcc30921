using System.Text;
using static MangaAssist.LoadTest.Tests.FrameSequence;

namespace MangaAssist.LoadTest.Tests;

/// <summary>The shared oracle's rules that the load tool's own routing never exercises (the end-to-end tests rely on them).</summary>
public sealed class AnswerOracleTests
{
    [Fact]
    public void Observe_FrameNamingAnotherRequest_IsAForeignRequestId()
    {
        var oracle = Judge("r-1", Start(0), Delta(1, "a", id: "r-2"), Done(2));

        oracle.Violations.ShouldBe([ViolationKind.ForeignRequestId]);
    }

    [Fact]
    public void Observe_RefusalWithoutARequestId_MatchesTheEmptyId()
    {
        var oracle = Judge("", """{"type":"error","requestId":null,"seq":0,"code":"malformed_json","message":"m","retryable":false,"partial":false}""");

        oracle.Violations.ShouldBeEmpty();
    }

    [Fact]
    public void End_WithoutTerminal_IsAMissingTerminal()
    {
        var oracle = Judge("r-1", Start(0), Delta(1, "a"));
        oracle.End();

        oracle.Violations.ShouldBe([ViolationKind.MissingTerminal]);
    }

    private static AnswerOracle Judge(string requestId, params string[] frames)
    {
        var oracle = new AnswerOracle(requestId);
        foreach (var json in frames)
        {
            var bytes = Encoding.UTF8.GetBytes(json);
            ServiceFrame.TryParse(bytes, out var frame).ShouldBeTrue();
            oracle.Observe(frame, bytes.Length);
        }

        return oracle;
    }
}
