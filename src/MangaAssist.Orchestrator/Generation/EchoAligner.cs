namespace MangaAssist.Orchestrator.Generation;

/// <summary>
/// Expects a continuation to open with the quoted end of the text so far (leading whitespace allowed), holds
/// that back as the client has it, then hands the rest to <paramref name="next"/>. Anything else is a mismatch:
/// the model rephrased or started over, and joining its text would show the shopper a repeat or a gap.
/// </summary>
public sealed class EchoAligner(string quote, IContinuationAligner next) : IContinuationAligner
{
    private int _matched;

    public bool Mismatched { get; private set; }

    public bool Joined => _matched == quote.Length && !Mismatched;

    public string Accept(string text)
    {
        if (Mismatched)
        {
            return "";
        }

        if (Joined)
        {
            return next.Accept(text);
        }

        for (var i = 0; i < text.Length; i++)
        {
            if (_matched == 0 && char.IsWhiteSpace(text[i]))
            {
                continue;
            }

            if (text[i] != quote[_matched])
            {
                Mismatched = true;
                return "";
            }

            if (++_matched == quote.Length)
            {
                return next.Accept(text[(i + 1)..]);
            }
        }

        return "";
    }
}
