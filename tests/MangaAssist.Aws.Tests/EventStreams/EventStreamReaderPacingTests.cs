using System.IO.Pipelines;
using MangaAssist.Aws.EventStreams;
using MangaAssist.Aws.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Aws.Tests.EventStreams;

public sealed class EventStreamReaderPacingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task ThePacerIsAskedOnlyAfterAReadFoundTheNetworkDrained_AndEventsThatArriveWhileItHoldsComeInOneRead()
    {
        var pipe = new Pipe();
        var network = new CountingStream(pipe.Reader.AsStream());
        var pacer = new GatedPacer();
        using var reader = new EventStreamReader(network, pacer);
        await pipe.Writer.WriteAsync(BedrockWire.Delta("a"));

        // The stream's first read asks the pacer; it found data waiting, so the next read goes at once.
        (await reader.MoveNextAsync(CancellationToken.None)).ShouldBeTrue();
        pacer.Calls.ShouldBe(1);
        var next = reader.MoveNextAsync(CancellationToken.None).AsTask();
        SpinWait.SpinUntil(() => network.Reads == 2, Patience).ShouldBeTrue();
        pacer.Calls.ShouldBe(1);

        // That read had to wait for the network: the one after it is paced.
        await pipe.Writer.WriteAsync(BedrockWire.Delta("b"));
        (await next.WaitAsync(Patience)).ShouldBeTrue();
        pacer.Hold();
        next = reader.MoveNextAsync(CancellationToken.None).AsTask();
        SpinWait.SpinUntil(() => pacer.Calls == 2, Patience).ShouldBeTrue();
        await pipe.Writer.WriteAsync(BedrockWire.Delta("c"));
        await pipe.Writer.WriteAsync(BedrockWire.Delta("d"));
        await pipe.Writer.WriteAsync(BedrockWire.Delta("e"));
        next.IsCompleted.ShouldBeFalse();
        network.Reads.ShouldBe(2);
        pacer.Release();

        (await next.WaitAsync(Patience)).ShouldBeTrue();
        (await reader.MoveNextAsync(CancellationToken.None)).ShouldBeTrue();
        (await reader.MoveNextAsync(CancellationToken.None)).ShouldBeTrue();
        network.Reads.ShouldBe(3);
        pacer.Calls.ShouldBe(2);

        await pipe.Writer.CompleteAsync();
        (await reader.MoveNextAsync(CancellationToken.None)).ShouldBeFalse();
        pacer.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task ABacklogLargerThanOneRead_IsTakenWithoutPacingEachRead()
    {
        // A fast model: far more waiting than one read returns. Each read that completes at once is followed by the next.
        var texts = Enumerable.Range(0, 40).Select(i => $"token-{i}").ToArray();
        var pipe = new Pipe();
        foreach (var text in texts)
        {
            await pipe.Writer.WriteAsync(BedrockWire.Delta(text));
        }

        await pipe.Writer.CompleteAsync();
        var network = new CountingStream(pipe.Reader.AsStream(), maxBytesPerRead: 100);
        var pacer = new GatedPacer();
        using var reader = new EventStreamReader(network, pacer);
        var decoded = 0;

        while (await reader.MoveNextAsync(CancellationToken.None))
        {
            decoded++;
        }

        decoded.ShouldBe(texts.Length);
        network.Reads.ShouldBeGreaterThan(texts.Length);
        pacer.Calls.ShouldBe(1);
    }

    private sealed class GatedPacer : IStreamReadPacer
    {
        private TaskCompletionSource _gate = CompletedGate();
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => _gate.TrySetResult();

        public ValueTask BeforeReadAsync(CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _calls);
            return new ValueTask(_gate.Task);
        }

        public void Dispose()
        {
        }

        private static TaskCompletionSource CompletedGate()
        {
            var gate = new TaskCompletionSource();
            gate.SetResult();
            return gate;
        }
    }

    /// <summary>Counts the reads that reach the network (the pipe), each at most <c>maxBytesPerRead</c>.</summary>
    private sealed class CountingStream(Stream inner, int maxBytesPerRead = int.MaxValue) : Stream
    {
        private int _reads;

        public int Reads => Volatile.Read(ref _reads);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _reads);
            return await inner.ReadAsync(buffer[..Math.Min(buffer.Length, maxBytesPerRead)], cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
