namespace MangaAssist.Aws.EventStreams;

/// <summary>Where a caller's streamed responses get their <see cref="IStreamReadPacer"/>: one per response.</summary>
public interface IStreamReadPacing
{
    IStreamReadPacer StartStream();
}
