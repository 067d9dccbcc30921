namespace MangaAssist.Orchestrator.Generation;

/// <summary>Joins a continuation's text to what the client already has, passing on only what is new.</summary>
public interface IContinuationAligner
{
    /// <summary>The part of <paramref name="text"/> the client does not have yet.</summary>
    string Accept(string text);

    /// <summary>Whether the continuation can no longer be joined without a gap or a repeat.</summary>
    bool Mismatched { get; }

    /// <summary>Whether the continuation has been joined (any further text is new).</summary>
    bool Joined { get; }
}
