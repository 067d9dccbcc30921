using System.Text;
using Amazon.Runtime.EventStreams;
using MangaAssist.Aws.EventStreams;
using MangaAssist.Aws.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Aws.Tests.EventStreams;

public sealed class EventStreamReaderTests
{
    [Fact]
    public async Task ReadsWhatAwsSdkCoreEncodesWithEveryHeaderType()
    {
        var sdkHeaders = new List<IEventStreamHeader>();
        AddHeader(sdkHeaders, ":message-type", h => h.SetString("event"));
        AddHeader(sdkHeaders, ":flag", h => h.SetBool(true));
        AddHeader(sdkHeaders, ":off", h => h.SetBool(false));
        AddHeader(sdkHeaders, ":byte", h => h.SetSByte(7));
        AddHeader(sdkHeaders, ":short", h => h.SetInt16(300));
        AddHeader(sdkHeaders, ":count", h => h.SetInt32(42));
        AddHeader(sdkHeaders, ":long", h => h.SetInt64(1L << 40));
        AddHeader(sdkHeaders, ":when", h => h.SetTimestamp(new DateTime(2026, 11, 21, 0, 0, 0, DateTimeKind.Utc)));
        AddHeader(sdkHeaders, ":id", h => h.SetUUID(Guid.NewGuid()));
        AddHeader(sdkHeaders, ":bytes", h => h.SetByteBuf([1, 2, 3]));
        AddHeader(sdkHeaders, ":event-type", h => h.SetString("contentBlockDelta"));
        var payload = Encoding.UTF8.GetBytes("""{"delta":{"text":"漫画"}}""");
        var wire = new EventStreamMessage(sdkHeaders, payload).ToByteArray();
        using var reader = new EventStreamReader(new MemoryStream(wire));

        (await reader.MoveNextAsync(CancellationToken.None)).ShouldBeTrue();

        reader.Current.Payload.ToArray().ShouldBe(payload);
        reader.Current.TryGetStringHeader(":event-type"u8, out var eventType).ShouldBeTrue();
        Encoding.UTF8.GetString(eventType).ShouldBe("contentBlockDelta");
        reader.Current.TryGetStringHeader(":message-type"u8, out var messageType).ShouldBeTrue();
        Encoding.UTF8.GetString(messageType).ShouldBe("event");
        reader.Current.TryGetStringHeader(":count"u8, out _).ShouldBeFalse();
        reader.Current.TryGetStringHeader(":missing"u8, out _).ShouldBeFalse();
        var decodedBySdk = EventStreamMessage.FromBuffer(wire, 0, wire.Length);
        reader.Current.Headers.Length.ShouldBe(decodedBySdk.Headers.Values.Sum(h => h.GetWireSize()));
        (await reader.MoveNextAsync(CancellationToken.None)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(13)]
    [InlineData(4096)]
    public async Task MessagesArrivingInChunksOfAnySizeDecodeInOrder(int chunkSize)
    {
        var texts = Enumerable.Range(0, 25).Select(i => new string('あ', i * 37)).ToArray();
        var wire = texts.Select(BedrockWire.Delta).SelectMany(m => m).ToArray();
        using var reader = new EventStreamReader(new ChunkedStream(wire, chunkSize), initialBufferSize: 64);
        var decoded = new List<string>();

        while (await reader.MoveNextAsync(CancellationToken.None))
        {
            using var json = System.Text.Json.JsonDocument.Parse(reader.Current.Payload.ToArray());
            decoded.Add(json.RootElement.GetProperty("delta").GetProperty("text").GetString()!);
        }

        decoded.ShouldBe(texts);
    }

    [Fact]
    public async Task AStreamEndingInsideAMessageIsAnEndOfStreamException()
    {
        var wire = BedrockWire.Delta("cut");
        using var reader = new EventStreamReader(new MemoryStream(wire[..^5]));

        await Should.ThrowAsync<EndOfStreamException>(() => reader.MoveNextAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task ACorruptPreludeIsRejected()
    {
        var wire = BedrockWire.Delta("x");
        wire[9] ^= 0x01;
        using var reader = new EventStreamReader(new MemoryStream(wire));

        await Should.ThrowAsync<InvalidDataException>(() => reader.MoveNextAsync(CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task ACorruptPayloadIsRejected()
    {
        var wire = BedrockWire.Delta("x");
        wire[^5] ^= 0x01;
        using var reader = new EventStreamReader(new MemoryStream(wire));

        (await Should.ThrowAsync<InvalidDataException>(() => reader.MoveNextAsync(CancellationToken.None).AsTask())).Message.ShouldContain("message checksum");
    }

    private static void AddHeader(List<IEventStreamHeader> headers, string name, Action<EventStreamHeader> set)
    {
        var header = new EventStreamHeader(name);
        set(header);
        headers.Add(header);
    }

    /// <summary>Hands out at most <c>chunkSize</c> bytes per read, like a slow network.</summary>
    private sealed class ChunkedStream(byte[] data, int chunkSize) : MemoryStream(data)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunkSize)], cancellationToken);
    }
}
