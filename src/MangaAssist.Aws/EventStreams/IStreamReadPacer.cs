namespace MangaAssist.Aws.EventStreams;

/// <summary>
/// Spaces out the socket reads of one streamed response. A model streams one small event per token; a reader that
/// waits before its next read lets the kernel gather the events that arrive meanwhile, so one read (one wake-up, one
/// trip through the HTTP stack) takes several. Disposed when the stream will not read again.
/// </summary>
public interface IStreamReadPacer : IDisposable
{
    /// <summary>
    /// Called each time everything received so far has been handed out and the next event needs a read from the
    /// network; the read starts when the returned task completes.
    /// </summary>
    ValueTask BeforeReadAsync(CancellationToken cancellationToken);
}
