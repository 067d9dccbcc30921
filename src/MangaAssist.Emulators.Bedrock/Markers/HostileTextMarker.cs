namespace MangaAssist.Emulators.Bedrock.Markers;

/// <summary>
/// <c>[[text:hostile]]</c>: the answer carries markup a careless client would run (an <c>img</c> with an
/// <c>onerror</c> handler and a <c>script</c> element), so a client can prove it renders model text as text.
/// </summary>
public static class HostileTextMarker
{
    public const string Marker = "[[text:hostile]]";

    /// <summary>The argument of <c>[[text:…]]</c> this marker uses; the only one there is.</summary>
    public const string Argument = "hostile";

    /// <summary>What the answer says right after quoting the question.</summary>
    public const string Markup = """<img src=x onerror=alert(1)> <script>alert(2)</script>""";

    public static bool IsIn(string lastUserMessage) =>
        lastUserMessage.Contains(Marker, StringComparison.Ordinal);
}
