using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;
using System.Runtime.CompilerServices;

namespace MangaAssist.Aws.EventStreams;

/// <summary>
/// Reads <c>application/vnd.amazon.eventstream</c> messages incrementally from a network stream into one pooled
/// buffer, checking both CRCs. Messages may arrive split across any number of reads.
/// </summary>
internal sealed class EventStreamReader : IDisposable
{
    private const int PreludeLength = 12;
    private const int MinimumMessageLength = PreludeLength + 4;

    private readonly Stream _stream;
    private IStreamReadPacer? _pacer;
    private bool _networkDrained = true;
    private readonly int _maxMessageLength;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _currentLength;

    public EventStreamReader(Stream stream, IStreamReadPacer? pacer = null, int initialBufferSize = 16 * 1024, int maxMessageLength = 16 * 1024 * 1024)
    {
        _stream = stream;
        _pacer = pacer;
        _maxMessageLength = maxMessageLength;
        _buffer = ArrayPool<byte>.Shared.Rent(initialBufferSize);
    }

    public EventStreamFrame Current { get; private set; }

    /// <summary>Reads the rest of the stream as it comes: what is left is its end, which pacing would only delay.</summary>
    public void EndPacing() => _pacer = null;

    /// <summary>
    /// Advances to the next whole message. False when the stream ended cleanly between messages;
    /// <see cref="EndOfStreamException"/> when it ended inside one; <see cref="InvalidDataException"/> on a checksum mismatch.
    /// </summary>
    /// <remarks>
    /// Called once per model token and usually waits for the network, so its state machine would be a fresh
    /// allocation per token; the pooling builder reuses them (each returned task is awaited exactly once).
    /// </remarks>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken)
    {
        _start += _currentLength;
        _currentLength = 0;
        if (_start == _end)
        {
            _start = _end = 0;
        }

        if (!await FillAsync(PreludeLength, cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        var prelude = _buffer.AsSpan(_start, PreludeLength);
        var totalLength = BinaryPrimitives.ReadInt32BigEndian(prelude);
        var headersLength = BinaryPrimitives.ReadInt32BigEndian(prelude[4..]);
        if (Crc32.HashToUInt32(prelude[..8]) != BinaryPrimitives.ReadUInt32BigEndian(prelude[8..]))
        {
            throw new InvalidDataException("Event-stream prelude checksum mismatch.");
        }

        if (totalLength < MinimumMessageLength || totalLength > _maxMessageLength || headersLength < 0 || headersLength > totalLength - MinimumMessageLength)
        {
            throw new InvalidDataException($"Event-stream message length {totalLength} (headers {headersLength}) is invalid.");
        }

        if (!await FillAsync(totalLength, cancellationToken).ConfigureAwait(false))
        {
            throw new EndOfStreamException("The event stream ended inside a message.");
        }

        var message = _buffer.AsSpan(_start, totalLength);
        if (Crc32.HashToUInt32(message[..^4]) != BinaryPrimitives.ReadUInt32BigEndian(message[^4..]))
        {
            throw new InvalidDataException("Event-stream message checksum mismatch.");
        }

        _currentLength = totalLength;
        Current = new EventStreamFrame(
            _buffer,
            _start + PreludeLength,
            headersLength,
            _start + PreludeLength + headersLength,
            totalLength - headersLength - MinimumMessageLength);
        return true;
    }

    // Ensures `count` bytes from _start are buffered. False only when the stream ends with nothing buffered.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> FillAsync(int count, CancellationToken cancellationToken)
    {
        if (_end - _start >= count)
        {
            return true;
        }

        MakeRoom(count);
        while (_end - _start < count)
        {
            if (_pacer is not null && _networkDrained)
            {
                await _pacer.BeforeReadAsync(cancellationToken).ConfigureAwait(false);
            }

            var pending = _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken);

            // A read that has to wait found nothing left to take: the read after it is paced. One that completes at
            // once may have more behind it (a fast model, a read smaller than the backlog), so the next follows at once.
            _networkDrained = !pending.IsCompleted;
            var read = await pending.ConfigureAwait(false);
            if (read == 0)
            {
                if (_end == _start)
                {
                    return false;
                }

                throw new EndOfStreamException("The event stream ended inside a message.");
            }

            _end += read;
        }

        return true;
    }

    private void MakeRoom(int count)
    {
        var buffered = _end - _start;
        if (count > _buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(count, _buffer.Length * 2));
            _buffer.AsSpan(_start, buffered).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = larger;
        }
        else if (_buffer.Length - _start < count)
        {
            _buffer.AsSpan(_start, buffered).CopyTo(_buffer);
        }
        else
        {
            return;
        }

        _start = 0;
        _end = buffered;
    }

    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = [];
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
