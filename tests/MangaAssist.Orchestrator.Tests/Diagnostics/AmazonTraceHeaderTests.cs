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

public sealed class AmazonTraceContextPropagatorTests
{
    private static string? Extract(Dictionary<string, string> headers)
    {
        new AmazonTraceContextPropagator().ExtractTraceIdAndState(headers, static (carrier, name, out value, out values) =>
        {
            values = null;
            value = ((Dictionary<string, string>)carrier!).GetValueOrDefault(name);
        }, out var traceId, out _);
        return traceId;
    }

    [Fact]
    public void Extract_OnlyAmazonHeader_BecomesTheW3CParent()
    {
        Extract(new() { ["X-Amzn-Trace-Id"] = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1" })
            .ShouldBe("00-5759e988bd862e3fe1be46a994272793-53995c3f42cd8ad8-01");
    }

    [Fact]
    public void Extract_TraceparentPresent_WinsOverTheAmazonHeader()
    {
        Extract(new()
        {
            ["traceparent"] = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            ["X-Amzn-Trace-Id"] = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1",
        }).ShouldBe("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
    }

    [Fact]
    public void Extract_NoHeaders_StartsNoTrace()
    {
        Extract([]).ShouldBeNull();
    }
}
