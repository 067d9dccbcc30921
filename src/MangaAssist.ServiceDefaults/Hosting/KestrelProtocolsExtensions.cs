using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace MangaAssist.ServiceDefaults.Hosting;

/// <summary>The HTTP versions a local stand-in serves on its cleartext ports.</summary>
public static class KestrelProtocolsExtensions
{
    /// <summary>Sets the HTTP versions of every endpoint; both versions on a cleartext port need the preface detection.</summary>
    public static void UseProtocols(this KestrelServerOptions kestrel, HttpProtocols protocols)
    {
        if (protocols == HttpProtocols.Http1AndHttp2)
        {
            // The detection makes an h2c connection look like TLS with ALPN "h2"; the client's :scheme stays http.
            kestrel.AllowAlternateSchemes = true;
        }

        kestrel.ConfigureEndpointDefaults(listen =>
        {
            listen.Protocols = protocols;
            if (protocols == HttpProtocols.Http1AndHttp2)
            {
                listen.UseCleartextHttp2Detection();
            }
        });
    }
}
