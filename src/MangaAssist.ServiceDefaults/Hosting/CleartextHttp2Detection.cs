using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MangaAssist.ServiceDefaults.Hosting;

/// <summary>
/// Lets one cleartext port serve HTTP/1.1 and HTTP/2 with prior knowledge. Kestrel 10 picks HTTP/1.1 on such an
/// endpoint because without TLS there is no ALPN; it does pick HTTP/2 when the connection carries an "h2"
/// application protocol, so this middleware sets that when the client opens with the HTTP/2 preface.
/// </summary>
public static class CleartextHttp2Detection
{
    /// <summary>RFC 9113 section 3.4: what a prior-knowledge HTTP/2 client sends first.</summary>
    private static ReadOnlySpan<byte> Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    /// <summary>
    /// Adds the detection to a cleartext <see cref="HttpProtocols.Http1AndHttp2"/> endpoint. Needs
    /// <see cref="KestrelServerOptions.AllowAlternateSchemes"/>: Kestrel expects <c>:scheme https</c> on a connection
    /// that looks like TLS, and the client rightly sends <c>http</c>.
    /// </summary>
    public static void UseCleartextHttp2Detection(this ListenOptions listen)
    {
        listen.Use(next =>
        {
            // A new connection that sends nothing is closed after the keep-alive timeout, on the wall clock as
            // Kestrel's own timeouts are (the emulator's TimeProvider paces answers, not sockets).
            var idle = listen.KestrelServerOptions.Limits.KeepAliveTimeout;
            return connection => DetectAsync(connection, next, TimeProvider.System, idle);
        });
    }

    private static async Task DetectAsync(ConnectionContext connection, ConnectionDelegate next, TimeProvider clock, TimeSpan idle)
    {
        bool isHttp2;
        using (var timeout = new CancellationTokenSource(idle, clock))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, connection.ConnectionClosed))
        {
            try
            {
                isHttp2 = await StartsWithPrefaceAsync(connection.Transport.Input, linked.Token);
            }
            catch (OperationCanceledException)
            {
                connection.Abort();
                return;
            }
        }

        if (isHttp2)
        {
            var protocol = new PriorKnowledgeHttp2Feature();
            connection.Features.Set<ITlsConnectionFeature>(protocol);
            connection.Features.Set<ITlsApplicationProtocolFeature>(protocol);
        }

        await next(connection);
    }

    /// <summary>Peeks without consuming: Kestrel reads the same bytes afterwards.</summary>
    private static async ValueTask<bool> StartsWithPrefaceAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            var length = (int)Math.Min(buffer.Length, Preface.Length);
            var head = new byte[length];
            buffer.Slice(0, length).CopyTo(head);

            var matches = head.AsSpan().SequenceEqual(Preface[..length]);
            if (!matches || length == Preface.Length || result.IsCompleted || result.IsCanceled)
            {
                // Nothing examined: Kestrel's first read returns these bytes at once instead of waiting for more.
                input.AdvanceTo(buffer.Start);
                return matches && length == Preface.Length;
            }

            // A prefix of the preface so far: mark it examined so the next read waits for more bytes.
            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
