namespace MangaAssist.Emulators.Bedrock.Kernel;

public enum ConversationRole
{
    User,
    Assistant,
}

/// <summary>One message of a validated conversation, its text blocks joined.</summary>
public sealed record ConversationTurn(ConversationRole Role, string Text);
