using System.Net.WebSockets;
using System.Text;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.ApiGateway.Tests.Connections;

public sealed class InboundMessageLimitTests
{
    private const int Limit = 128 * 1024;

    [Fact]
    public async Task A_message_of_exactly_128_KB_is_delivered_to_the_integration()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();
        var message = JsonMessageOfLength(Limit);

        await client.SendBytesAsync(message);

        var call = await gateway.Backend.WaitForCallAsync(c => c.Header("X-Event-Type") == "MESSAGE");
        call.Body.ShouldBe(message);
    }

    [Fact]
    public async Task A_message_over_128_KB_closes_the_connection_with_1009_and_reaches_no_route()
    {
        await using var gateway = await GatewayUnderTest.StartAsync();
        await using var client = await gateway.ConnectAsync();

        await client.SendBytesAsync(JsonMessageOfLength(Limit + 1));

        var (status, _) = await client.ReceiveCloseAsync();
        status.ShouldBe(WebSocketCloseStatus.MessageTooBig);
        var disconnect = await gateway.Backend.WaitForCallAsync(c => c.RouteKey == "$disconnect");
        disconnect.Header("X-Disconnect-Status-Code").ShouldBe("1009");
        gateway.Backend.Calls.ShouldNotContain(c => c.Header("X-Event-Type") == "MESSAGE");
        (await gateway.StatsAsync()).MessagesTooBig.ShouldBe(1);
    }

    [Fact]
    public async Task A_message_sent_in_many_small_frames_counts_its_whole_size_against_the_limit()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(("MaxMessageBytes", "1000"));
        await using var client = await gateway.ConnectAsync();
        var message = JsonMessageOfLength(1001);

        for (var offset = 0; offset < message.Length; offset += 100)
        {
            var length = Math.Min(100, message.Length - offset);
            await client.Socket.SendAsync(message.AsMemory(offset, length), WebSocketMessageType.Text, offset + length == message.Length, Guard.Token());
        }

        (await client.ReceiveCloseAsync()).Status.ShouldBe(WebSocketCloseStatus.MessageTooBig);
    }

    private static byte[] JsonMessageOfLength(int length)
    {
        const string prefix = """{"action":"sendMessage","message":""";
        const string suffix = "\"}";
        var padding = new string('x', length - prefix.Length - 1 - suffix.Length);
        var bytes = Encoding.UTF8.GetBytes(prefix + "\"" + padding + suffix);
        bytes.Length.ShouldBe(length);
        return bytes;
    }
}
