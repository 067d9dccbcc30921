using System.Net.Sockets;
using System.Text;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MangaAssist.AppHost;

/// <summary>
/// redis-server runs as a plain executable, so Aspire cannot tell "process started" from "answers commands"; the
/// replicas wait for this check (a PING over the endpoint they use) instead of racing redis-server's start.
/// </summary>
internal sealed class RedisPing(EndpointReference endpoint) : IHealthCheck
{
    private static readonly byte[] Ping = "PING\r\n"u8.ToArray();

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(endpoint.Host, endpoint.Port, cancellationToken);
            var stream = client.GetStream();
            await stream.WriteAsync(Ping, cancellationToken);
            var reply = new byte[16];
            var read = await stream.ReadAsync(reply, cancellationToken);
            return Encoding.ASCII.GetString(reply, 0, read).StartsWith("+PONG", StringComparison.Ordinal)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("redis-server did not answer PING with PONG");
        }
        catch (SocketException exception)
        {
            return HealthCheckResult.Unhealthy("redis-server is not accepting connections yet", exception);
        }
    }
}
