using System.Net;
using System.Net.Sockets;
using System.Text;
using MangaAssist.Emulators.Bedrock.Tests.Support;

namespace MangaAssist.Emulators.Bedrock.Tests.Hosting;

/// <summary>The default listener: one cleartext port, HTTP/2 for clients that open with the preface, HTTP/1.1 for the rest.</summary>
public sealed class CleartextHttp2DetectionTests
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    /// <summary>An empty SETTINGS frame: length 0, type 4, no flags, stream 0.</summary>
    private static readonly byte[] EmptySettings = [0, 0, 0, 4, 0, 0, 0, 0, 0];

    [Theory]
    [InlineData("1.1")]
    [InlineData("2.0")]
    public async Task DefaultPort_AnswersInTheVersionTheClientSpeaks(string version)
    {
        await using var emulator = await RunningEmulator.StartAsync();

        using var response = await SendAsync(emulator, Version.Parse(version));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Version.ShouldBe(Version.Parse(version));
    }

    [Fact]
    public async Task DefaultPort_StreamsConverseStreamOverHttp2ToTheEnd()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, RunningEmulator.ModelPath(RunningEmulator.SonnetProfile, "converse-stream"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StringContent(ConverseBody.User("h2 on the default port [[tokens:9]]"), Encoding.UTF8, "application/json"),
        };

        using var response = await emulator.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var received = await ReceivedStream.ReadAsync(response);

        response.Version.ShouldBe(HttpVersion.Version20);
        received.BrokenBy.ShouldBeNull();
        received.Text.ShouldContain("h2 on the default port");
        received.Events[^1].EventType.ShouldBe("metadata");
    }

    [Fact]
    public async Task PrefaceInSmallPieces_IsStillHttp2()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var socket = await ConnectAsync(emulator);

        foreach (var piece in Preface.Chunk(5))
        {
            await socket.SendAsync(piece);
            await Task.Delay(20);
        }

        await socket.SendAsync(EmptySettings);

        // The server's first frame is its SETTINGS: type byte 4 after the 3-byte length.
        var head = await ReceiveAsync(socket, 9);
        head[3].ShouldBe((byte)4);
    }

    [Fact]
    public async Task AlmostThePreface_IsHttp11()
    {
        await using var emulator = await RunningEmulator.StartAsync();
        using var socket = await ConnectAsync(emulator);

        await socket.SendAsync("PRI * HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray());

        Encoding.ASCII.GetString(await ReceiveAsync(socket, 8)).ShouldBe("HTTP/1.1");
    }

    [Fact]
    public async Task Http1Only_RefusesPriorKnowledgeHttp2()
    {
        await using var emulator = await RunningEmulator.StartAsync("HttpProtocols=Http1");

        await Should.ThrowAsync<HttpRequestException>(() => SendAsync(emulator, HttpVersion.Version20));
    }

    private static Task<HttpResponseMessage> SendAsync(RunningEmulator emulator, Version version)
    {
        // Version exact over http:// is HTTP/1.1 for 1.1 and h2c with prior knowledge for 2.0.
        var request = new HttpRequestMessage(HttpMethod.Get, "/_emulator/stats") { Version = version, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        return emulator.Client.SendAsync(request);
    }

    private static async Task<Socket> ConnectAsync(RunningEmulator emulator)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(IPAddress.Loopback, emulator.BaseAddress.Port);
        return socket;
    }

    private static async Task<byte[]> ReceiveAsync(Socket socket, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var buffer = new byte[count];
        for (var read = 0; read < count;)
        {
            var n = await socket.ReceiveAsync(buffer.AsMemory(read), timeout.Token);
            n.ShouldBeGreaterThan(0, "the server closed the connection");
            read += n;
        }

        return buffer;
    }
}
