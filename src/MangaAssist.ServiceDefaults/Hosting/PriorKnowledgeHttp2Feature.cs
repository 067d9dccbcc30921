using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Http.Features;

namespace MangaAssist.ServiceDefaults.Hosting;

/// <summary>
/// The two connection features Kestrel reads to choose HTTP/2: a TLS connection (without certificate) whose
/// negotiated protocol is "h2". No handshake feature is set, so Kestrel applies no TLS version rules.
/// </summary>
internal sealed class PriorKnowledgeHttp2Feature : ITlsConnectionFeature, ITlsApplicationProtocolFeature
{
    private static readonly ReadOnlyMemory<byte> H2 = "h2"u8.ToArray();

    public X509Certificate2? ClientCertificate { get; set; }

    public ReadOnlyMemory<byte> ApplicationProtocol => H2;

    public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult<X509Certificate2?>(null);
}
