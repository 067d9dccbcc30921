using MangaAssist.Orchestrator.Options;
using MangaAssist.ServiceDefaults.Configuration;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Options;

public sealed class OptionsValidatorTests
{
    [Fact]
    public void ChatRoutes_Defaults_AreValid()
    {
        OptionsValidation.Validate(new ChatRoutesOptions(), ChatRoutesOptions.SectionName, OrchestratorOptionsChecks.Routes).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public void ChatRoutes_SeveralProblems_AreAllReportedWithTheirConfigurationKeys()
    {
        var options = new ChatRoutesOptions();
        options.SendMessage.ModelId = "";
        options.Analyze.MaxTokens = 0;
        options.Analyze.IdleTimeout = TimeSpan.Zero;

        var result = OptionsValidation.Validate(options, ChatRoutesOptions.SectionName, OrchestratorOptionsChecks.Routes);

        result.Failed.ShouldBeTrue();
        result.Failures.ShouldContain(f => f.StartsWith("Routes:SendMessage:ModelId", StringComparison.Ordinal));
        result.Failures.ShouldContain(f => f.StartsWith("Routes:Analyze:MaxTokens", StringComparison.Ordinal));
        result.Failures.ShouldContain(f => f.StartsWith("Routes:Analyze:IdleTimeout", StringComparison.Ordinal));
    }

    [Fact]
    public void ChatRoutes_TotalTimeoutShorterThanFirstToken_IsRefused()
    {
        var options = new ChatRoutesOptions();
        options.Analyze.TotalTimeout = TimeSpan.FromSeconds(5);

        var result = OptionsValidation.Validate(options, ChatRoutesOptions.SectionName, OrchestratorOptionsChecks.Routes);

        result.Failures.ShouldHaveSingleItem().ShouldStartWith("Routes:Analyze:TotalTimeout");
    }

    [Fact]
    public void Streaming_FrameLimitAboveApiGatewaysLimit_IsRefused()
    {
        var result = OptionsValidation.Validate(new StreamingOptions { MaxFrameBytes = 64 * 1024, FlushInterval = TimeSpan.Zero }, StreamingOptions.SectionName);

        result.Failures.ShouldNotBeNull().Count().ShouldBe(2);
        result.FailureMessage.ShouldNotBeNull().ShouldContain("Streaming:MaxFrameBytes");
        result.FailureMessage.ShouldContain("Streaming:FlushInterval");
    }

    [Fact]
    public void Capacity_QueueWaitLongerThanTheIntegrationTimeout_IsRefused()
    {
        var result = OptionsValidation.Validate(new CapacityOptions { MaxQueueWait = TimeSpan.FromSeconds(30) }, CapacityOptions.SectionName, OrchestratorOptionsChecks.Capacity);

        result.Failures.ShouldHaveSingleItem().ShouldStartWith("Capacity:MaxQueueWait");
    }

    [Fact]
    public void Resilience_MaxDelayBelowBaseDelay_AndARatioOutOfRange_AreBothReported()
    {
        var options = new ResilienceOptions { RetryBaseDelay = TimeSpan.FromSeconds(2), RetryMaxDelay = TimeSpan.FromSeconds(1), CircuitFailureRatio = 0 };

        var result = OptionsValidation.Validate(options, ResilienceOptions.SectionName, OrchestratorOptionsChecks.Resilience);

        result.Failures.ShouldNotBeNull().Count().ShouldBe(2);
        result.FailureMessage.ShouldNotBeNull().ShouldContain("Resilience:RetryMaxDelay");
        result.FailureMessage.ShouldContain("Resilience:CircuitFailureRatio");
    }
}
