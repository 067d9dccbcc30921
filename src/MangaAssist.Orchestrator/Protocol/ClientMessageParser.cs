using System.Text.Json;
using MangaAssist.Orchestrator.Options;

namespace MangaAssist.Orchestrator.Protocol;

/// <summary>
/// Reads and validates one client message. Every refusal names the field and the rule, so a
/// client developer can fix the request from the error frame alone.
/// </summary>
public sealed class ClientMessageParser(InputLimitsOptions limits)
{
    public bool TryParse(ReadOnlySpan<byte> body, out ClientMessage? message, out ProtocolError? error)
    {
        message = null;
        if (!TryReadFields(body, out var fields, out error))
        {
            return false;
        }

        error = Validate(fields);
        if (error is not null)
        {
            return false;
        }

        message = new ClientMessage(fields.Action!, fields.RequestId ?? "", fields.SessionId, fields.Message, fields.AfterSeq);
        return true;
    }

    private ProtocolError? Validate(in RawFields fields)
    {
        var requestId = IsValidId(fields.RequestId) ? fields.RequestId : null;

        if (fields.WrongTypeField is not null)
        {
            return new(ErrorCodes.InvalidField, $"\"{fields.WrongTypeField}\" must be a string.", requestId);
        }

        if (string.IsNullOrEmpty(fields.Action))
        {
            return new(ErrorCodes.UnknownAction, "The message has no \"action\". Use sendMessage, analyze, cancel, resume, forget or ping.", requestId);
        }

        var isChat = fields.Action is ClientActions.SendMessage or ClientActions.Analyze;
        var isResume = fields.Action == ClientActions.Resume;
        if (!isChat && !isResume && fields.Action is not (ClientActions.Cancel or ClientActions.Forget or ClientActions.Ping or ClientActions.Attach))
        {
            return new(ErrorCodes.UnknownAction, $"Unknown action \"{Truncate(fields.Action)}\". Use sendMessage, analyze, cancel, resume, forget or ping.", requestId);
        }

        if (fields.Action is ClientActions.Forget or ClientActions.Ping)
        {
            // The request id is optional here: it only labels the forgotten or pong frame.
            return fields.RequestId is null || requestId is not null
                ? null
                : new(ErrorCodes.InvalidField, $"\"requestId\" must be at most {limits.MaxIdChars} characters without control characters.", null);
        }

        if (string.IsNullOrEmpty(fields.RequestId))
        {
            return new(ErrorCodes.MissingRequestId, "\"requestId\" is required: a non-empty string that identifies this request.", null);
        }

        if (requestId is null)
        {
            return new(ErrorCodes.InvalidField, $"\"requestId\" must be at most {limits.MaxIdChars} characters without control characters.", null);
        }

        if (fields.Action == ClientActions.Attach && fields.AfterSeq is < -1)
        {
            return new(ErrorCodes.InvalidField, "\"afterSeq\" for attach is the last seq received, or -1 (the default) for none.", requestId);
        }

        if (!isChat && !isResume)
        {
            return null;
        }

        if (string.IsNullOrEmpty(fields.SessionId))
        {
            return new(ErrorCodes.MissingSessionId, "\"sessionId\" is required for sendMessage, analyze and resume.", requestId);
        }

        if (!IsValidId(fields.SessionId))
        {
            return new(ErrorCodes.InvalidField, $"\"sessionId\" must be at most {limits.MaxIdChars} characters without control characters.", requestId);
        }

        if (isResume)
        {
            return fields.AfterSeq is >= -1
                ? null
                : new(ErrorCodes.InvalidField, "\"afterSeq\" is required for resume: the last seq received, or -1 for none.", requestId);
        }

        if (string.IsNullOrWhiteSpace(fields.Message))
        {
            return new(ErrorCodes.EmptyMessage, "\"message\" is required and must contain text.", requestId);
        }

        if (fields.Message.Length > limits.MaxMessageChars)
        {
            return new(ErrorCodes.MessageTooLarge, $"\"message\" is {fields.Message.Length} characters long; the limit is {limits.MaxMessageChars}.", requestId);
        }

        return null;
    }

    private bool IsValidId(string? id) =>
        !string.IsNullOrEmpty(id) && id.Length <= limits.MaxIdChars && !id.AsSpan().ContainsAnyInRange('\0', '\u001f');

    private static string Truncate(string value) => value.Length <= 64 ? value : string.Concat(value.AsSpan(0, 64), "…");

    private static bool TryReadFields(ReadOnlySpan<byte> body, out RawFields fields, out ProtocolError? error)
    {
        fields = default;
        error = null;
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = new(ErrorCodes.MalformedJson, "The message must be a JSON object such as {\"action\":\"sendMessage\",…}.", null);
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var field = reader.ValueTextEquals("action"u8) ? 1
                    : reader.ValueTextEquals("requestId"u8) ? 2
                    : reader.ValueTextEquals("sessionId"u8) ? 3
                    : reader.ValueTextEquals("message"u8) ? 4
                    : reader.ValueTextEquals("afterSeq"u8) ? 5 : 0;
                reader.Read();
                if (field == 1) { fields.Action = ReadString(ref reader, "action", ref fields.WrongTypeField); }
                else if (field == 2) { fields.RequestId = ReadString(ref reader, "requestId", ref fields.WrongTypeField); }
                else if (field == 3) { fields.SessionId = ReadString(ref reader, "sessionId", ref fields.WrongTypeField); }
                else if (field == 4) { fields.Message = ReadString(ref reader, "message", ref fields.WrongTypeField); }
                else if (field == 5) { fields.AfterSeq = reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var seq) ? seq : -2; reader.Skip(); }
                else { reader.Skip(); }
            }

            // Reading to the end rejects trailing garbage after the object.
            while (reader.Read())
            {
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string value that is not valid UTF-8.
            error = new(ErrorCodes.MalformedJson, "The message is not valid JSON (UTF-8).", null);
            return false;
        }

        return true;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string field, ref string? wrongTypeField)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return reader.GetString();
            case JsonTokenType.Null:
                return null;
            default:
                reader.Skip();
                wrongTypeField ??= field;
                return null;
        }
    }

    private struct RawFields
    {
        public string? Action;
        public string? RequestId;
        public string? SessionId;
        public string? Message;
        public string? WrongTypeField;
        public long? AfterSeq;
    }
}
