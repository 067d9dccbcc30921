using Shouldly;

namespace MangaAssist.EndToEnd.Tests.Support;

/// <summary>All frames of one request, ending with its terminal frame.</summary>
public sealed record Answer(string RequestId, IReadOnlyList<Frame> Frames)
{
    public Frame Terminal => Frames[^1];

    public string Text => string.Concat(Frames.Where(f => f.Type == "delta").Select(f => f.Text));

    public int DeltaCount => Frames.Count(f => f.Type == "delta");

    /// <summary>
    /// The promises of docs/protocol.md that one answer can show: seq from 0 without gaps, one
    /// terminal frame and it is last, every frame within the 32 KB limit, only known frame types.
    /// </summary>
    public Answer ShouldKeepTheProtocolPromises(int maxFrameBytes = 32 * 1024)
    {
        for (var i = 0; i < Frames.Count; i++)
        {
            Frames[i].Seq.ShouldBe(i, $"frame {i} of {RequestId}: {Frames[i].Raw}");
            (Frames[i].RequestId ?? "").ShouldBe(RequestId, "frames of refused messages without a readable id carry requestId null");
            Frames[i].Bytes.ShouldBeLessThanOrEqualTo(maxFrameBytes);
            Frames[i].Type.ShouldBeOneOf("start", "delta", "citations", "done", "error");
        }

        Frames.Count(f => f.IsTerminal).ShouldBe(1);
        Terminal.IsTerminal.ShouldBeTrue();
        return this;
    }
}
