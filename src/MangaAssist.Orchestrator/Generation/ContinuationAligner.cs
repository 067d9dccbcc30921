namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// Joins a continuation to the text already delivered. Bedrock refuses an assistant prefill that
/// ends in whitespace, so the prefill is the delivered text with its trailing whitespace removed,
/// and the model's continuation usually starts by producing that whitespace again. The aligner
/// drops exactly the part the client already has, so no character is sent twice.
/// </summary>
public sealed class ContinuationAligner : IContinuationAligner
{
    private readonly string _alreadyDelivered;
    private int _matched;

    private ContinuationAligner(string alreadyDelivered) => _alreadyDelivered = alreadyDelivered;

    /// <summary>The prefill to send for <paramref name="delivered"/> text, and the aligner for the model's answer to it.</summary>
    public static (string Prefill, ContinuationAligner Aligner) For(string delivered)
    {
        var prefill = delivered.TrimEnd();
        return (prefill, new ContinuationAligner(delivered[prefill.Length..]));
    }

    /// <summary>Never: whatever the model writes after a prefill is a continuation of it.</summary>
    public bool Mismatched => false;

    public bool Joined => true;

    /// <summary>The part of <paramref name="text"/> the client does not have yet.</summary>
    public string Accept(string text)
    {
        if (_matched == _alreadyDelivered.Length)
        {
            return text;
        }

        var index = 0;
        while (index < text.Length && _matched < _alreadyDelivered.Length && text[index] == _alreadyDelivered[_matched])
        {
            index++;
            _matched++;
        }

        if (index < text.Length)
        {
            // The model went on differently (e.g. without the space): from here on everything is new.
            _matched = _alreadyDelivered.Length;
        }

        return index == 0 ? text : text[index..];
    }
}
