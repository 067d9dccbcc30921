using System.Diagnostics;
using System.Diagnostics.Metrics;
using MangaAssist.Aws.ApiGatewayManagement;
using MangaAssist.Orchestrator.Kernel;

namespace MangaAssist.Orchestrator.Diagnostics;

/// <summary>The chat area's traces and metrics: one ActivitySource and one Meter.</summary>
public sealed class ChatTelemetry : IDisposable
{
    public const string Name = "MangaAssist.Orchestrator.Chat";

    public static readonly ActivitySource ActivitySource = new(Name);

    private readonly Meter _meter;
    private readonly Histogram<double> _timeToFirstToken;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _requests;
    private readonly Counter<long> _posts;
    private readonly Counter<long> _badInput;
    private readonly Histogram<long> _framesPerAnswer;
    private readonly Counter<long> _answerSources;
    private readonly Counter<long> _cacheLookups;

    public ChatTelemetry(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(Name);
        _timeToFirstToken = _meter.CreateHistogram<double>("mangaassist.chat.time_to_first_token", "ms", "Time from intake to the first model token.");
        _duration = _meter.CreateHistogram<double>("mangaassist.chat.duration", "ms", "Time from intake to the terminal frame.");
        _requests = _meter.CreateCounter<long>("mangaassist.chat.requests", "{request}", "Answers by route and outcome.");
        _posts = _meter.CreateCounter<long>("mangaassist.connections.posts", "{post}", "@connections posts by result.");
        _badInput = _meter.CreateCounter<long>("mangaassist.chat.rejected", "{message}", "Client messages refused, by error code.");
        _framesPerAnswer = _meter.CreateHistogram<long>("mangaassist.chat.frames_per_answer", "{frame}", "Frames delivered per answer.");
        _cacheLookups = _meter.CreateCounter<long>("mangaassist.cache.lookups", "{lookup}", "Response cache lookups, by result (hit or miss).");
        _answerSources = _meter.CreateCounter<long>("mangaassist.chat.answer_source", "{answer}", "Where complete answers came from: model, cache (hit), shared (single-flight follower).");
    }

    public void RecordPost(PostToConnectionStatus status) =>
        _posts.Add(1, new KeyValuePair<string, object?>("status", status.ToString()));

    public void RecordRejected(string code) =>
        _badInput.Add(1, new KeyValuePair<string, object?>("code", code));

    public void RecordFirstToken(string route, TimeSpan elapsed) =>
        _timeToFirstToken.Record(elapsed.TotalMilliseconds, new KeyValuePair<string, object?>("route", route));

    public void RecordAnswer(string route, AnswerOutcome outcome, TimeSpan elapsed, long frames)
    {
        var tags = new TagList { { "route", route }, { "outcome", outcome.ToString() } };
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalMilliseconds, tags);
        _framesPerAnswer.Record(frames, new KeyValuePair<string, object?>("route", route));
    }

    public void RecordCacheLookup(bool hit) =>
        _cacheLookups.Add(1, new KeyValuePair<string, object?>("result", hit ? "hit" : "miss"));

    /// <summary>
    /// Records where a completed answer came from. Per-call tokens and chunk timings are the Bedrock client's
    /// <c>gen_ai.client.*</c> metrics (BedrockChatTelemetry); this counts answers, including those no model made.
    /// </summary>
    public void RecordAnswerSource(string route, AnswerSource source) =>
        _answerSources.Add(1, new KeyValuePair<string, object?>("source", source.Name()), new KeyValuePair<string, object?>("route", route));

    public void Dispose() => _meter.Dispose();
}
