using System.Text.Json;
using MangaAssist.Emulators.Bedrock.EventStream;
using AwsMessage = Amazon.Runtime.EventStreams.EventStreamMessage;

namespace MangaAssist.Emulators.Bedrock.Tests.EventStream;

/// <summary>The codec against the aws-c-event-stream vectors (see TestData/EventStreamVectors/README.md).</summary>
public sealed class EventStreamVectorTests
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "TestData", "EventStreamVectors");

    public static TheoryData<string> Positive => Names("positive");

    public static TheoryData<string> Negative => Names("negative");

    [Theory]
    [MemberData(nameof(Positive))]
    public void PositiveVector_DecodesToTheDocumentedMessage(string name)
    {
        var encoded = Encoded("positive", name);
        var expected = DecodedVector(name);

        var result = EventStreamDecoder.Decode(encoded);

        result.Status.ShouldBe(EventStreamDecodeStatus.Decoded, result.Error);
        result.BytesConsumed.ShouldBe(expected.TotalLength);
        result.Message!.Payload.ToArray().ShouldBe(expected.Payload);
        result.Message.Headers.ShouldBe(expected.Headers);
    }

    [Theory]
    [MemberData(nameof(Positive))]
    public void PositiveVector_DocumentedLengthsAndChecksumsMatchTheBytes(string name)
    {
        var encoded = Encoded("positive", name);
        var expected = DecodedVector(name);

        encoded.Length.ShouldBe(expected.TotalLength);
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(encoded.AsSpan(4)).ShouldBe((uint)expected.HeadersLength);
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(encoded.AsSpan(8)).ShouldBe(expected.PreludeCrc);
        System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(encoded.AsSpan(encoded.Length - 4)).ShouldBe(expected.MessageCrc);
    }

    [Theory]
    [MemberData(nameof(Positive))]
    public void PositiveVector_EncodesByteForByte(string name)
    {
        var expected = DecodedVector(name);

        var encoded = EventStreamEncoder.Encode(new EventStreamMessage(expected.Headers, expected.Payload));

        encoded.ShouldBe(Encoded("positive", name));
    }

    [Theory]
    [MemberData(nameof(Positive))]
    public void PositiveVector_AwsSdkCoreReadsTheSameBytesAsWeWrite(string name)
    {
        var expected = DecodedVector(name);
        var encoded = EventStreamEncoder.Encode(new EventStreamMessage(expected.Headers, expected.Payload));

        var parsed = AwsMessage.FromBuffer(encoded, 0, encoded.Length);

        (parsed.Payload ?? []).ShouldBe(expected.Payload);
        parsed.Headers.Keys.ShouldBe(expected.Headers.Select(h => h.Name), ignoreOrder: true);
    }

    [Theory]
    [MemberData(nameof(Negative))]
    public void NegativeVector_FailsWithTheDocumentedReason(string name)
    {
        var reason = File.ReadAllText(Path.Combine(Root, "decoded", "negative", name)).Trim();

        var result = EventStreamDecoder.Decode(Encoded("negative", name));

        result.Status.ShouldBe(EventStreamDecodeStatus.Invalid);
        result.Error.ShouldBe(reason);
        Should.Throw<InvalidDataException>(() => EventStreamDecoder.DecodeAll(Encoded("negative", name)));
    }

    [Theory]
    [MemberData(nameof(Negative))]
    public void NegativeVector_IsAlsoRejectedByAwsSdkCore(string name)
    {
        var encoded = Encoded("negative", name);

        Should.Throw<Exception>(() => AwsMessage.FromBuffer(encoded, 0, encoded.Length));
    }

    [Fact]
    public void Decode_OfAMessageCutShort_AsksForMoreDataAndThenDecodes()
    {
        var encoded = Encoded("positive", "all_headers");

        EventStreamDecoder.Decode(encoded.AsSpan(0, 11)).Status.ShouldBe(EventStreamDecodeStatus.NeedMoreData);
        EventStreamDecoder.Decode(encoded.AsSpan(0, encoded.Length - 1)).Status.ShouldBe(EventStreamDecodeStatus.NeedMoreData);
        EventStreamDecoder.DecodeAll([.. encoded, .. Encoded("positive", "empty_message")]).Count.ShouldBe(2);
    }

    private static TheoryData<string> Names(string kind) =>
        new(Directory.GetFiles(Path.Combine(Root, "encoded", kind)).Select(Path.GetFileName).Order().ToArray()!);

    private static byte[] Encoded(string kind, string name) => File.ReadAllBytes(Path.Combine(Root, "encoded", kind, name));

    private static DecodedVectorFile DecodedVector(string name)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "decoded", "positive", name)));
        var root = document.RootElement;
        var headers = root.GetProperty("headers").EnumerateArray().Select(ToHeader).ToList();
        var messageCrc = unchecked((uint)root.GetProperty("message_crc").GetInt64());

        if (name == "all_headers")
        {
            // Erratum of the published decoded file (see the README): the encoded bytes carry UUID 01..10.
            var uuid = headers.FindIndex(h => h.Name == "uuid");
            headers[uuid] = new EventStreamHeader("uuid", EventStreamHeaderValue.FromUuid(Enumerable.Range(1, 16).Select(i => (byte)i).ToArray()));
            messageCrc = 0xABA5F10C;
        }

        return new DecodedVectorFile(
            root.GetProperty("total_length").GetInt32(),
            root.GetProperty("headers_length").GetInt32(),
            unchecked((uint)root.GetProperty("prelude_crc").GetInt64()),
            headers,
            Convert.FromBase64String(root.GetProperty("payload").GetString()!),
            messageCrc);
    }

    private static EventStreamHeader ToHeader(JsonElement header)
    {
        var value = header.GetProperty("value");
        var typed = (EventStreamHeaderType)header.GetProperty("type").GetByte() switch
        {
            EventStreamHeaderType.BoolTrue or EventStreamHeaderType.BoolFalse => EventStreamHeaderValue.FromBool(value.GetBoolean()),
            EventStreamHeaderType.Byte => EventStreamHeaderValue.FromByte(unchecked((sbyte)value.GetInt32())),
            EventStreamHeaderType.Int16 => EventStreamHeaderValue.FromInt16(value.GetInt16()),
            EventStreamHeaderType.Int32 => EventStreamHeaderValue.FromInt32(value.GetInt32()),
            EventStreamHeaderType.Int64 => EventStreamHeaderValue.FromInt64(value.GetInt64()),
            EventStreamHeaderType.Timestamp => EventStreamHeaderValue.FromTimestamp(value.GetInt64()),
            EventStreamHeaderType.ByteArray => EventStreamHeaderValue.FromBytes(value.GetBytesFromBase64()),
            EventStreamHeaderType.String => EventStreamHeaderValue.FromUtf8(value.GetBytesFromBase64()),
            EventStreamHeaderType.Uuid => EventStreamHeaderValue.FromUuid(value.GetBytesFromBase64()),
            var other => throw new InvalidDataException($"Unknown header type {other} in the vector."),
        };
        return new EventStreamHeader(header.GetProperty("name").GetString()!, typed);
    }

    private sealed record DecodedVectorFile(
        int TotalLength,
        int HeadersLength,
        uint PreludeCrc,
        IReadOnlyList<EventStreamHeader> Headers,
        byte[] Payload,
        uint MessageCrc);
}
