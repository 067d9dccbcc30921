using System.Text;
using MangaAssist.LoadTest.Redis;

namespace MangaAssist.LoadTest.Tests;

public sealed class RedisInfoTests
{
    private const string Stats =
        "# Stats\r\ntotal_connections_received:3\r\ntotal_commands_processed:1234\r\ninstantaneous_ops_per_sec:7\r\nkeyspace_hits:10\r\n";

    private const string CommandStats =
        "# Commandstats\r\n" +
        "cmdstat_get:calls=100,usec=300,usec_per_call=3.00,rejected_calls=0,failed_calls=0\r\n" +
        "cmdstat_evalsha:calls=900,usec=90000,usec_per_call=100.00,rejected_calls=0,failed_calls=2\r\n" +
        "cmdstat_client|setname:calls=2,usec=4,usec_per_call=2.00,rejected_calls=0,failed_calls=0\r\n" +
        "cmdstat_info:calls=5,usec=50,usec_per_call=10.00,rejected_calls=0,failed_calls=0\r\n";

    [Fact]
    public void Fields_ReadsKeyValueLinesAndSkipsHeadersAndBlanks()
    {
        var fields = RedisInfo.Fields("# Server\r\nredis_version:7.0.15\r\n\r\nexecutable:/usr/bin/redis-server\r\n");

        fields.Count.ShouldBe(2);
        fields["redis_version"].ShouldBe("7.0.15");
        fields["executable"].ShouldBe("/usr/bin/redis-server");
    }

    [Fact]
    public void TotalCommandsProcessed_ReadsTheCounter() =>
        RedisInfo.TotalCommandsProcessed(Stats).ShouldBe(1234);

    [Fact]
    public void TotalCommandsProcessed_Missing_Throws() =>
        Should.Throw<FormatException>(() => RedisInfo.TotalCommandsProcessed("# Stats\r\nkeyspace_hits:1\r\n"));

    [Fact]
    public void CallsPerCommand_ReadsCallsIncludingSubcommands()
    {
        var calls = RedisInfo.CallsPerCommand(CommandStats);

        calls["get"].ShouldBe(100);
        calls["evalsha"].ShouldBe(900);
        calls["client|setname"].ShouldBe(2);
        calls["info"].ShouldBe(5);
        calls.Count.ShouldBe(4);
    }

    [Fact]
    public void Between_TakesTheToolsOwnInfoCommandsOffTheTotalAndInfo()
    {
        var before = new RedisCommandSnapshot(1000, new Dictionary<string, long> { ["get"] = 10, ["evalsha"] = 90, ["info"] = 7 });
        var after = new RedisCommandSnapshot(1000 + 2 + 450, new Dictionary<string, long> { ["get"] = 60, ["evalsha"] = 490, ["info"] = 9, ["ping"] = 1 });

        var delta = RedisCommandSnapshot.Between(before, after);

        delta.Total.ShouldBe(450);
        delta.Calls["get"].ShouldBe(50);
        delta.Calls["evalsha"].ShouldBe(400);
        delta.Calls["ping"].ShouldBe(1);
        delta.Calls.ContainsKey("info").ShouldBeFalse();
    }

    [Fact]
    public void Between_NothingButTheToolsOwnCommands_IsZero()
    {
        var before = new RedisCommandSnapshot(50, new Dictionary<string, long> { ["info"] = 3 });
        var after = new RedisCommandSnapshot(52, new Dictionary<string, long> { ["info"] = 5 });

        var delta = RedisCommandSnapshot.Between(before, after);

        delta.Total.ShouldBe(0);
        delta.Calls.ShouldBeEmpty();
    }

    [Fact]
    public void Encode_WritesAnArrayOfBulkStringsCountingUtf8Bytes() =>
        Encoding.UTF8.GetString(RespClient.Encode(["INFO", "stats", "é"])).ShouldBe("*3\r\n$4\r\nINFO\r\n$5\r\nstats\r\n$2\r\né\r\n");

    [Fact]
    public async Task ReadReply_BulkString_KeepsLineBreaksInsideAndMultibyteText()
    {
        var payload = "# Stats\r\ntotal_commands_processed:9\r\nnote:日本\r\n";
        var bytes = Encoding.UTF8.GetBytes($"${Encoding.UTF8.GetByteCount(payload)}\r\n{payload}\r\n+PONG\r\n");
        using var stream = new MemoryStream(bytes);

        (await RespClient.ReadReplyAsync(stream, CancellationToken.None)).ShouldBe(payload);
        (await RespClient.ReadReplyAsync(stream, CancellationToken.None)).ShouldBe("PONG");
    }

    [Theory]
    [InlineData("+PONG\r\n", "PONG")]
    [InlineData(":42\r\n", "42")]
    [InlineData("$-1\r\n", null)]
    [InlineData("$0\r\n\r\n", "")]
    public async Task ReadReply_SimpleIntegerAndNull(string wire, string? expected)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(wire));

        (await RespClient.ReadReplyAsync(stream, CancellationToken.None)).ShouldBe(expected);
    }

    [Fact]
    public async Task ReadReply_Error_Throws()
    {
        using var stream = new MemoryStream("-ERR unknown command\r\n"u8.ToArray());

        var error = await Should.ThrowAsync<InvalidOperationException>(() => RespClient.ReadReplyAsync(stream, CancellationToken.None));
        error.Message.ShouldContain("ERR unknown command");
    }

    [Fact]
    public async Task ReadReply_TruncatedBulkString_Throws()
    {
        using var stream = new MemoryStream("$10\r\nabc"u8.ToArray());

        await Should.ThrowAsync<EndOfStreamException>(() => RespClient.ReadReplyAsync(stream, CancellationToken.None));
    }
}
