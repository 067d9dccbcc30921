using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MangaAssist.Emulators.Bedrock.Configuration;

/// <summary>Settings of the Bedrock Runtime emulator, bound from the <c>BedrockEmulator</c> configuration section.</summary>
public sealed record BedrockEmulatorOptions
{
    public const string SectionName = "BedrockEmulator";

    /// <summary>Address to listen on; <c>--urls</c> (configuration key <c>urls</c>) wins when given.</summary>
    /// <value>The default value is <c>http://127.0.0.1:8090</c>.</value>
    [Required]
    public string Url { get; init; } = "http://127.0.0.1:8090";

    /// <summary>
    /// HTTP versions of the listener. <c>Http1AndHttp2</c> serves both on one cleartext port: HTTP/2 to clients that
    /// open with the prior-knowledge preface (the AWS SDK for JavaScript v3 Bedrock Runtime client, whose default
    /// handler is HTTP/2), HTTP/1.1 to the rest (HttpClient, curl). <c>Http1</c> or <c>Http2</c> serve only that one.
    /// </summary>
    /// <value>The default value is <see cref="HttpProtocols.Http1AndHttp2"/>.</value>
    public HttpProtocols HttpProtocols { get; init; } = HttpProtocols.Http1AndHttp2;

    /// <summary>Delay before the first token of an answer; the <c>[[ttft:MS]]</c> marker overrides it per request.</summary>
    /// <value>The default value is 300.</value>
    [Range(0, 600_000)]
    public int TimeToFirstTokenMs { get; init; } = 300;

    /// <summary>Pace of the tokens after the first; 0 sends them as fast as the client reads. <c>[[tps:N]]</c> overrides it.</summary>
    /// <value>The default value is 60.</value>
    [Range(0, 1_000_000)]
    public int TokensPerSecond { get; init; } = 60;

    /// <summary>Answer length in tokens when the request has no <c>[[tokens:N]]</c> marker.</summary>
    /// <value>The default value is 80.</value>
    [Range(1, 100_000)]
    public int DefaultAnswerTokens { get; init; } = 80;

    /// <summary>How long a stalled stream stays open before the emulator drops the connection.</summary>
    /// <value>The default value is 120000 (two minutes).</value>
    [Range(1, 3_600_000)]
    public int MaxStallMs { get; init; } = 120_000;

    /// <summary>How many recent answers <c>GET /_emulator/transcripts</c> keeps.</summary>
    /// <value>The default value is 256.</value>
    [Range(1, 100_000)]
    public int TranscriptCapacity { get; init; } = 256;

    /// <summary>Accept any <c>anthropic.claude-*</c> id (with or without an <c>us.</c>/<c>eu.</c>/<c>apac.</c>/<c>global.</c> profile prefix), not only the built-in list.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool AcceptAnyClaudeModelId { get; init; } = true;

    /// <summary>Extra model ids to accept for Converse / ConverseStream, beyond the built-in catalog.</summary>
    /// <value>The default value is empty.</value>
    public string[] AdditionalModelIds { get; init; } = [];
}
