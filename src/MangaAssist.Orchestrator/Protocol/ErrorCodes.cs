namespace MangaAssist.Orchestrator.Protocol;

/// <summary>The <c>code</c> values of <c>error</c> frames. They are part of the public protocol (docs/protocol.md).</summary>
public static class ErrorCodes
{
    // Bad input: the client can fix these.
    public const string MalformedJson = "malformed_json";
    public const string UnknownAction = "unknown_action";
    public const string MissingRequestId = "missing_request_id";
    public const string MissingSessionId = "missing_session_id";
    public const string InvalidField = "invalid_field";
    public const string EmptyMessage = "empty_message";
    public const string MessageTooLarge = "message_too_large";
    public const string UnknownRequest = "unknown_request";

    // The connection has no principal (no validated token was recorded at $connect, or it expired).
    public const string Unauthorized = "unauthorized";

    // The answer could not be produced or finished.
    public const string Busy = "busy";
    public const string SpendLimited = "spend_limited";
    public const string RateLimited = "rate_limited";
    public const string ClientGone = "client_gone";
    public const string ResumeUnavailable = "resume_unavailable";
    public const string ForgetUnavailable = "forget_unavailable";
    public const string AnalysisUnavailable = "analysis_unavailable";
    public const string Throttled = "throttled";
    public const string ModelUnavailable = "model_unavailable";
    public const string ModelTimeout = "model_timeout";
    public const string ModelError = "model_error";
    public const string StreamInterrupted = "stream_interrupted";
    public const string GuardrailIntervened = "guardrail_intervened";
    public const string ContentFiltered = "content_filtered";
    public const string InputTooLong = "input_too_long";
    public const string UpstreamRejected = "upstream_rejected";
    public const string Cancelled = "cancelled";
    public const string ServiceRestarting = "service_restarting";
    public const string InternalError = "internal_error";
}
