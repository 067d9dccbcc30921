using MangaAssist.Emulators.TokenIssuer.Configuration;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.TokenIssuer.Keys;

/// <summary>
/// The issuer identifier (<c>iss</c>): the configured one, or the address Kestrel really bound (so a test on port 0
/// gets the port it got). Read after start; validators compare it byte for byte, so there is never a trailing slash.
/// </summary>
internal sealed class IssuerAddress(IOptions<TokenIssuerOptions> options, IServer server)
{
    private string? _value;

    public string Value => _value ??= Resolve();

    public string JwksUri => Value + "/.well-known/jwks.json";

    private string Resolve()
    {
        if (options.Value.Issuer is { } configured)
        {
            return configured.TrimEnd('/');
        }

        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The issuer is not listening yet; its address is known once it has started.");
        return first.TrimEnd('/');
    }
}
