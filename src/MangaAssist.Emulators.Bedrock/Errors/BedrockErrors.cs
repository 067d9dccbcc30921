namespace MangaAssist.Emulators.Bedrock.Errors;

/// <summary>The errors the emulator can answer, with the status codes and messages Bedrock Runtime uses.</summary>
public static class BedrockErrors
{
    public const string TooManyConnectionsMessage = "Too many connections, please wait before trying again.";
    public const string TooManyRequestsMessage = "Too many requests, please wait before trying again.";
    public const string InvalidModelIdentifierMessage = "The provided model identifier is invalid.";
    /// <summary>What the Claude 4.6 generation answers to a conversation that ends with an assistant turn.</summary>
    public const string PrefillNotSupportedMessage = "This model does not support assistant message prefill. The conversation must end with a user message.";

    /// <summary>Bedrock's answer when the prompt exceeds the model's context window.</summary>
    public const string InputTooLongMessage = "Input is too long for requested model.";

    public const string MalformedInputMessage = "Malformed input request, please reformat your input and try again.";

    public static BedrockError ServiceUnavailable() => new(503, "ServiceUnavailableException", TooManyConnectionsMessage);

    public static BedrockError Throttling() => new(429, "ThrottlingException", TooManyRequestsMessage);

    public static BedrockError InternalServer() =>
        new(500, "InternalServerException", "The system encountered an unexpected error during processing. Try your request again.");

    public static BedrockError ModelTimeout() =>
        new(408, "ModelTimeoutException", "The request took too long to process. Processing time exceeded the model timeout length.");

    public static BedrockError ModelError() =>
        new(424, "ModelErrorException", "The model encountered an error while processing the request. Try your request again.");

    public static BedrockError ModelNotReady() =>
        new(429, "ModelNotReadyException", "The model is not ready to serve inference requests. Try your request again later.");

    public static BedrockError ServiceQuotaExceeded() =>
        new(400, "ServiceQuotaExceededException", "Your request exceeds the service quota for your account. Request a quota increase and try again.");

    public static BedrockError AccessDenied() =>
        new(403, "AccessDeniedException", "You don't have access to the model with the specified model ID.");

    public static BedrockError MissingAuthentication() => new(403, "AccessDeniedException", "Missing Authentication Token");

    public static BedrockError Validation(string message) => new(400, "ValidationException", message);

    public static BedrockError PrefillNotSupported() => Validation(PrefillNotSupportedMessage);

    public static BedrockError InputTooLong() => Validation(InputTooLongMessage);

    public static BedrockError MalformedInput() => Validation(MalformedInputMessage);

    public static BedrockError InvalidModelIdentifier() => Validation(InvalidModelIdentifierMessage);

    public static BedrockError ConverseNotSupported() =>
        Validation("This action doesn't support the model that you provided. Try again with a supported text or chat model.");

    public static BedrockError InvokeModelNotEmulated(string modelId) =>
        Validation($"The emulator serves InvokeModel for amazon.titan-embed-text-v2:0 only, not '{modelId}'. Use Converse or ConverseStream for chat models.");
}
