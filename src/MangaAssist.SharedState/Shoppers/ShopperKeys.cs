namespace MangaAssist.SharedState.Shoppers;

/// <summary>
/// How a shopper's data is keyed: the owner (an opaque principal id, never a raw subject) comes right
/// after the kind, <c>{prefix}session:{owner}:{sessionId}</c> and <c>{prefix}frames:{owner}:{sessionId}:{requestId}</c>,
/// so ids a client chooses can never reach another owner's data, and one <c>SCAN MATCH</c> finds all of it.
/// </summary>
public static class ShopperKeys
{
    /// <summary>Conversation memory (<c>ISessionMemory</c>).</summary>
    public const string MemoryKind = "session";

    /// <summary>Frame logs of answers, for <c>resume</c> (<c>IFrameLog</c>).</summary>
    public const string FrameLogKind = "frames";

    /// <summary>Resume tickets of answers in flight, which a peer needs to take one over (they hold the question).</summary>
    public const string TicketKind = "ticket";

    /// <summary>The kinds of data a shopper owns, as the first segment of their Redis keys.</summary>
    public static IReadOnlyList<string> Kinds { get; } = [MemoryKind, FrameLogKind, TicketKind];

    /// <summary>The <c>ISessionMemory</c> key of a shopper's session.</summary>
    public static string Session(string ownerId, string sessionId) => Owned(ownerId) + sessionId;

    /// <summary>The <c>IFrameLog</c> key of one answer: request ids are only unique within a shopper's session.</summary>
    public static string FrameLog(string ownerId, string sessionId, string requestId) => Owned(ownerId) + sessionId + ":" + requestId;

    /// <summary>The key of one answer's resume ticket, kind included: <c>ticket:{owner}:{sessionId}:{requestId}</c>.</summary>
    public static string Ticket(string ownerId, string sessionId, string requestId) => TicketKind + ":" + FrameLog(ownerId, sessionId, requestId);

    /// <summary>Whether a capability key (without kind and prefix) belongs to <paramref name="ownerId"/>.</summary>
    public static bool IsOwnedBy(string key, string ownerId) =>
        key.Length > ownerId.Length && key.StartsWith(ownerId, StringComparison.Ordinal) && key[ownerId.Length] == ':';

    /// <summary>
    /// Owner ids are short and made of letters, digits, '_' and '-' only: then no glob character can
    /// reach a <c>SCAN MATCH</c> pattern and no ':' can shift the key's segments.
    /// </summary>
    public static bool IsValidOwnerId(string? ownerId) =>
        ownerId is { Length: > 0 and <= 64 } && ownerId.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');

    private static string Owned(string ownerId)
    {
        if (!IsValidOwnerId(ownerId))
        {
            throw new ArgumentException("An owner id is 1-64 ASCII letters, digits, '_' or '-'.", nameof(ownerId));
        }

        return ownerId + ":";
    }
}
