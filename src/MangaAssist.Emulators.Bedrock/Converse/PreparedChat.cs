using MangaAssist.Emulators.Bedrock.Answers;
using MangaAssist.Emulators.Bedrock.Faults;
using MangaAssist.Emulators.Bedrock.Kernel;

namespace MangaAssist.Emulators.Bedrock.Converse;

/// <summary>Everything a chat handler needs once a request has been accepted.</summary>
internal sealed record PreparedChat(
    ConverseRequest Request,
    ComposedAnswer Answer,
    FaultPlan? Fault,
    AnswerPacer Pacer);
