using MangaAssist.Orchestrator.Options;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Options;

public sealed class OptionsValidatorTests
{
    [Fact]
    public void ChatRoutes_Defaults_AreValid()
    {
        new ChatRoutesOptionsValidator().Validate(null, new ChatRoutesOptions()).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void ChatRoutes_SeveralProblems_AreAllReportedWithTheirConfigurationKeys()
    {
        var options = new ChatRoutesOptions();
        options.SendMessage.ModelId = "";
        options.Analyze.MaxTokens = 0;
        options.Analyze.IdleTimeout = TimeSpan.Zero;

        var result = new ChatRoutesOptionsValidator().Validate(null, options);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldContain(f => f.StartsWith("Routes:SendMessage:ModelId", StringComparison.Ordinal));
        result.Failures.ShouldContain(f => f.StartsWith("Routes:Analyze:MaxTokens", StringComparison.Ordinal));
        result.Failures.ShouldContain(f => f.StartsWith("Routes:Analyze:IdleTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void Streaming_FrameLimitAboveApiGatewaysLimit_IsRefused()
    {
        var result = new StreamingOptionsValidator().Validate(null, new StreamingOptions { MaxFrameBytes = 64 * 1024, FlushInterval = TimeSpan.Zero });

        result.Failures.ShouldNotBeNull().Count().ShouldBe(2);
        result.FailureMessage.ShouldNotBeNull().ShouldContain("Streaming:MaxFrameBytes");
        result.FailureMessage.ShouldContain("Streaming:FlushInterval");
    }
}
