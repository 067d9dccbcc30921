using System.Diagnostics;
using MangaAssist.Orchestrator.Diagnostics;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Diagnostics;

public sealed class AmazonTraceHeaderTests
{
    [Fact]
    public void TryParse_ApiGatewayHeader_GivesTheSameTraceAndParentAsW3C()
    {
        AmazonTraceHeader.TryParse("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", out var context).ShouldBeTrue();

        context.TraceId.ToHexString().ShouldBe("5759e988bd862e3fe1be46a994272793");
        context.SpanId.ToHexString().ShouldBe("53995c3f42cd8ad8");
        context.TraceFlags.ShouldBe(ActivityTraceFlags.Recorded);
        context.IsRemote.ShouldBeTrue();
    }

    [Fact]
    public void TryParse_NotSampled_IsNotRecorded()
    {
        AmazonTraceHeader.TryParse("Parent=53995c3f42cd8ad8; Root=1-5759e988-bd862e3fe1be46a994272793; Sampled=0", out var context).ShouldBeTrue();

        context.TraceFlags.ShouldBe(ActivityTraceFlags.None);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a99427279z;Parent=53995c3f42cd8ad8")]
    [InlineData("Root=2-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8")]
    [InlineData("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f")]
    public void TryParse_MissingOrMalformedParts_IsRefused(string? header)
    {
        AmazonTraceHeader.TryParse(header, out _).ShouldBeFalse();
    }
}
