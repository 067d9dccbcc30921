namespace MangaAssist.Emulators.Bedrock.Errors;

/// <summary>An error as Bedrock Runtime returns it: HTTP status, the <c>x-amzn-ErrorType</c> name and a message.</summary>
public sealed record BedrockError(int StatusCode, string Type, string Message);
