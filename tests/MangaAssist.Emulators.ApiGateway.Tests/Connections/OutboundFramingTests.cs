using System.Net;
using System.Text;
using MangaAssist.Emulators.ApiGateway.Connections;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Connections;

public sealed class OutboundFramingTests
{
    private const int FrameLimit = 32 * 1024;

    [Fact]
    public async Task A_128_KB_message_is_sent_as_a_text_message_of_four_frames_of_at_most_32_KB()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var raw = await RawWebSocketReader.ConnectAsync(gateway.Address, "/local?client=raw");
        var connectionId = (await gateway.Backend.WaitForCallAsync(c => c.QueryString == "?client=raw")).ConnectionId;
        var data = Encoding.ASCII.GetBytes(new string('z', 128 * 1024));

        using var response = await gateway.PostToConnectionAsync(connectionId, data);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var frames = await raw.ReadMessageFramesAsync();
        frames.Count.ShouldBe(4);
        frames[0].Opcode.ShouldBe(0x1);
        frames.Skip(1).ShouldAllBe(f => f.Opcode == 0x0);
        frames.ShouldAllBe(f => f.Payload.Length <= FrameLimit);
        frames.Select(f => f.Fin).ShouldBe([false, false, false, true]);
        frames.SelectMany(f => f.Payload).ToArray().ShouldBe(data);
        var stats = await gateway.StatsAsync();
        stats.FramesSent.ShouldBe(4);
        stats.LargestMessageSent.ShouldBe(128 * 1024);
    }

    [Fact]
    public async Task Multi_byte_text_is_split_between_characters_so_every_frame_is_valid_utf8()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var raw = await RawWebSocketReader.ConnectAsync(gateway.Address, "/local?client=raw");
        var connectionId = (await gateway.Backend.WaitForCallAsync(c => c.QueryString == "?client=raw")).ConnectionId;
        var text = "a" + string.Concat(Enumerable.Repeat("少年漫画🎌", 6000));
        var data = Encoding.UTF8.GetBytes(text);

        using var response = await gateway.PostToConnectionAsync(connectionId, data);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var frames = await raw.ReadMessageFramesAsync();
        frames.Count.ShouldBeGreaterThan(1);
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        frames.ShouldAllBe(f => f.Payload.Length <= FrameLimit && strict.GetString(f.Payload).Length > 0);
        strict.GetString(frames.SelectMany(f => f.Payload).ToArray()).ShouldBe(text);
    }

    [Fact]
    public async Task A_configured_frame_size_is_honoured_and_the_client_receives_the_message_whole()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(("FrameBytes", "1000"));
        await using var client = await gateway.ConnectAsync();
        var text = new string('m', 10_500);

        using var response = await gateway.PostToConnectionAsync(client.ConnectionId, Encoding.ASCII.GetBytes(text));

        (await client.ReceiveTextAsync()).ShouldBe(text);
        (await gateway.StatsAsync()).FramesSent.ShouldBe(11);
    }

    [Theory]
    [InlineData(10, 32, 10)]
    [InlineData(32, 32, 32)]
    [InlineData(33, 32, 32)]
    public void Ascii_is_cut_exactly_at_the_frame_size(int length, int frameBytes, int expected) =>
        Utf8FrameSplitter.NextFrameLength(new byte[length], frameBytes).ShouldBe(expected);

    [Fact]
    public void A_cut_that_would_fall_inside_a_character_moves_back_to_its_first_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("ab漫x");

        Utf8FrameSplitter.NextFrameLength(bytes, 4).ShouldBe(2);
    }
}
