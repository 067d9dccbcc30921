using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MangaAssist.EndToEnd.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;

namespace MangaAssist.EndToEnd.Tests;

/// <summary>
/// The loopback stack as a shopper's tokens need it: an issuer on its own port, and a service configured to trust
/// exactly that issuer (the contract keys), with a guest-token key of the stack's own.
/// </summary>
public sealed class StackIdentityWiringTests(SharedEdge edge) : IClassFixture<SharedEdge>
{
    [Fact]
    public void The_service_trusts_the_stacks_issuer_for_the_mangaassist_audience_over_plain_http_on_loopback()
    {
        var configuration = edge.Stack.ServiceServices.GetRequiredService<IConfiguration>();

        configuration["Identity:Authority"].ShouldBe(edge.Stack.IssuerUrl.ToString().TrimEnd('/'));
        configuration["Identity:Audience"].ShouldBe("mangaassist");
        configuration["Identity:RequireHttpsMetadata"].ShouldBe("false");
        configuration["Identity:Guests:Enabled"].ShouldBe("true");
        using var guestKey = ECDsa.Create();
        guestKey.ImportFromPem(configuration["Identity:Guests:SigningKeyPem"]);
        guestKey.ExportParameters(false).Curve.Oid.Value.ShouldBe("1.2.840.10045.3.1.7"); // P-256
    }

    [Fact]
    public async Task The_issuer_names_itself_exactly_as_the_services_authority_so_validators_agree()
    {
        var discovery = await edge.Stack.Http.GetFromJsonAsync<JsonElement>(new Uri(edge.Stack.IssuerUrl, "/.well-known/openid-configuration"));

        discovery.GetProperty("issuer").GetString().ShouldBe(edge.Stack.IssuerUrl.ToString().TrimEnd('/'));
    }

    [Fact]
    public async Task The_stack_issues_user_and_guest_tokens_for_the_right_subjects()
    {
        var alice = Payload(await edge.Stack.IssueTokenAsync("alice"));
        var guest = Payload(await edge.Stack.IssueGuestTokenAsync());

        alice.GetProperty("sub").GetString().ShouldBe("alice");
        alice.GetProperty("aud").GetString().ShouldBe("mangaassist");
        alice.GetProperty("iss").GetString().ShouldBe(edge.Stack.IssuerUrl.ToString().TrimEnd('/'));
        guest.GetProperty("sub").GetString()!.ShouldStartWith("guest-");
        guest.GetProperty("guest").GetBoolean().ShouldBeTrue();
    }

    private static JsonElement Payload(string token)
    {
        var part = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        part = part.PadRight(part.Length + (4 - part.Length % 4) % 4, '=');
        return JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(part))).RootElement.Clone();
    }
}
