using System.Text;
using System.Text.Json;
using MangaAssist.Aws.Http;
using Shouldly;
using Xunit;

namespace MangaAssist.Aws.Tests.Http;

public sealed class PooledBufferWriterTests
{
    [Fact]
    public void Writes_GrowPastTheInitialCapacity_KeepingEveryByteInOrder()
    {
        using var writer = new PooledBufferWriter(16);
        using (var json = new Utf8JsonWriter(writer))
        {
            json.WriteStartArray();
            for (var i = 0; i < 2_000; i++)
            {
                json.WriteStringValue($"passage {i} 漫画");
            }

            json.WriteEndArray();
        }

        var text = Encoding.UTF8.GetString(writer.WrittenSpan);
        using var parsed = JsonDocument.Parse(writer.WrittenMemory);
        parsed.RootElement.GetArrayLength().ShouldBe(2_000);
        parsed.RootElement[1_999].GetString().ShouldBe("passage 1999 漫画");
        text.Length.ShouldBeGreaterThan(16);
    }

    [Fact]
    public void Advance_PastWhatWasHandedOut_Throws()
    {
        using var writer = new PooledBufferWriter(8);
        var handedOut = writer.GetSpan(4).Length;

        Should.Throw<InvalidOperationException>(() => writer.Advance(handedOut + 1));
        Should.Throw<ArgumentOutOfRangeException>(() => writer.Advance(-1));
    }

    [Fact]
    public void Dispose_EmptiesTheWriter_AndMayBeCalledTwice()
    {
        var writer = new PooledBufferWriter(8);
        writer.GetSpan(3)[..3].Fill(7);
        writer.Advance(3);
        writer.WrittenSpan.ToArray().ShouldBe([7, 7, 7]);

        writer.Dispose();
        writer.Dispose();

        writer.WrittenMemory.Length.ShouldBe(0);
    }
}
