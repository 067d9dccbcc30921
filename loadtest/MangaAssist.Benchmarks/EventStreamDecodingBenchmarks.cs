using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;
using BenchmarkDotNet.Attributes;
using MangaAssist.Aws.EventStreams;

namespace MangaAssist.Benchmarks;

/// <summary>The service's <c>application/vnd.amazon.eventstream</c> reader over one answer of ConverseStream contentBlockDelta events.</summary>
[ShortJob]
public class EventStreamDecodingBenchmarks
{
    private byte[] _stream = [];

    [Params(80, 1000)]
    public int Tokens { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var buffer = new MemoryStream();
        for (var i = 0; i < Tokens; i++)
        {
            var text = i % 2 == 0 ? "おすすめは" : "manga ";
            var payload = Encoding.UTF8.GetBytes($$"""{"contentBlockIndex":0,"delta":{"text":"{{text}}"},"p":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"}""");
            buffer.Write(Encode(payload, ("event-type", "contentBlockDelta"), ("content-type", "application/json"), ("message-type", "event")));
        }

        _stream = buffer.ToArray();
    }

    /// <summary>All messages from one buffered stream, each checked (both CRCs) and its event type read.</summary>
    [Benchmark]
    public async Task<int> ReadAnswer()
    {
        using var reader = new EventStreamReader(new MemoryStream(_stream, writable: false));
        var deltas = 0;
        while (await reader.MoveNextAsync(CancellationToken.None))
        {
            if (reader.Current.TryGetStringHeader(":event-type"u8, out var type) && type.SequenceEqual("contentBlockDelta"u8))
            {
                deltas++;
            }
        }

        return deltas;
    }

    /// <summary>The same answer arriving 61 bytes per read, so messages straddle reads as they do on the network.</summary>
    [Benchmark]
    public async Task<int> ReadAnswerInSmallReads()
    {
        using var reader = new EventStreamReader(new TrickleStream(_stream, 61));
        var messages = 0;
        while (await reader.MoveNextAsync(CancellationToken.None))
        {
            messages++;
        }

        return messages;
    }

    /// <summary>An event-stream message: prelude (total length, headers length, CRC), string headers, payload, message CRC.</summary>
    private static byte[] Encode(byte[] payload, params (string Name, string Value)[] headers)
    {
        using var headerBytes = new MemoryStream();
        foreach (var (name, value) in headers)
        {
            var nameBytes = Encoding.UTF8.GetBytes(":" + name);
            var valueBytes = Encoding.UTF8.GetBytes(value);
            headerBytes.WriteByte((byte)nameBytes.Length);
            headerBytes.Write(nameBytes);
            headerBytes.WriteByte(7);
            headerBytes.WriteByte((byte)(valueBytes.Length >> 8));
            headerBytes.WriteByte((byte)valueBytes.Length);
            headerBytes.Write(valueBytes);
        }

        var total = 12 + (int)headerBytes.Length + payload.Length + 4;
        var message = new byte[total];
        BinaryPrimitives.WriteInt32BigEndian(message, total);
        BinaryPrimitives.WriteInt32BigEndian(message.AsSpan(4), (int)headerBytes.Length);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(8), Crc32.HashToUInt32(message.AsSpan(0, 8)));
        headerBytes.ToArray().CopyTo(message, 12);
        payload.CopyTo(message, 12 + (int)headerBytes.Length);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(total - 4), Crc32.HashToUInt32(message.AsSpan(0, total - 4)));
        return message;
    }

    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, chunk)], cancellationToken);
    }
}
