using MangaAssist.Orchestrator.Resilience;
using MangaAssist.Orchestrator.Streaming;
using MangaAssist.SharedState.FrameLog;

namespace MangaAssist.Orchestrator.Chat;

/// <summary>The parts an answer goes through, in the order the runner uses them.</summary>
public sealed record ChatPipeline(
    RequestLimits Limits,
    StreamAdmission Admission,
    ConversationMemory Memory,
    AnswerContextBuilder Context,
    SharedAnswers Shared,
    ResilientAnswerGenerator Generator,
    FramePoster Poster,
    IFrameLog FrameLog);
