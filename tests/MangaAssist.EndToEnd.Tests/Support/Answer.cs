using System.Text;
using MangaAssist.Protocol.Oracle;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests.Support;

/// <summary>All frames of one request, ending with its terminal frame.</summary>
public sealed record Answer(string RequestId, IReadOnlyList<Frame> Frames)
{
    public Frame Terminal => Frames[^1];

    public string Text => string.Concat(Frames.Where(f => f.Type == "delta").Select(f => f.Text));

    public int DeltaCount => Frames.Count(f => f.Type == "delta");

    /// <summary>
    /// The promises of docs/protocol.md that one answer can show, judged by the same oracle as the
    /// load tool's: seq from 0 without gaps, start first, one terminal frame and it is last, every
    /// frame within the size limit, only known frame types, only this request's id (frames of
    /// refused messages without a readable id carry requestId null, which matches "").
    /// </summary>
    public Answer ShouldKeepTheProtocolPromises(int maxFrameBytes = AnswerOracle.DefaultMaxFrameBytes)
    {
        var oracle = new AnswerOracle(RequestId, maxFrameBytes);
        foreach (var frame in Frames)
        {
            // A frame that is no JSON object is observed as the empty frame, which the oracle calls malformed.
            _ = ServiceFrame.TryParse(Encoding.UTF8.GetBytes(frame.Raw), out var parsed);
            oracle.Observe(parsed, frame.Bytes);
        }

        oracle.End();
        oracle.Violations.ShouldBeEmpty(
            $"{RequestId}: {string.Join("; ", oracle.Details)} | frames: {string.Join(" | ", Frames.Select(f => f.Raw))}");
        return this;
    }
}
