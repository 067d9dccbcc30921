namespace MangaAssist.Orchestrator.Protocol;

/// <summary>A client message that passed validation.</summary>
/// <param name="Action">The <c>action</c> field as sent.</param>
/// <param name="RequestId">The client's id for this request; frames of the answer carry it.</param>
/// <param name="SessionId">The conversation the request belongs to (absent for <c>cancel</c>).</param>
/// <param name="Message">The shopper's text (absent for <c>cancel</c> and <c>resume</c>).</param>
/// <param name="AfterSeq">For <c>resume</c>: the last seq the client has (-1 for none).</param>
public sealed record ClientMessage(string Action, string RequestId, string? SessionId, string? Message, long? AfterSeq = null);
