using System.Security.Cryptography;
using System.Text;
using MangaAssist.Orchestrator.Identity;
using MangaAssist.Orchestrator.Kernel;
using MangaAssist.Orchestrator.Tests.Support;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using MsOptions = Microsoft.Extensions.Options.Options;

namespace MangaAssist.Orchestrator.Tests.Identity;

/// <summary>Tokens minted in the test against an issuer served over real HTTP on loopback.</summary>
public sealed class ShopperTokenValidatorTests : IAsyncLifetime
{
    private TestIssuer _issuer = null!;
    private TestIssuer _stranger = null!;
    private readonly List<IDisposable> _owned = [];

    public async Task InitializeAsync()
    {
        _issuer = await TestIssuer.StartAsync();
        _stranger = await TestIssuer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _owned.ForEach(o => o.Dispose());
        await _issuer.DisposeAsync();
        await _stranger.DisposeAsync();
    }

    private (ShopperTokenValidator Validator, GuestTokens Guests) CreateSut(bool guests = false, string environment = "Development")
    {
        var options = MsOptions.Create(new IdentityOptions
        {
            Authority = new Uri(_issuer.Url),
            RequireHttpsMetadata = false,
            RefreshInterval = TimeSpan.FromSeconds(1),
            Guests = { Enabled = guests },
        });
        var guestTokens = new GuestTokens(options, new HostingEnvironment { EnvironmentName = environment }, TimeProvider.System, NullLogger<GuestTokens>.Instance);
        var validator = new ShopperTokenValidator(options, guestTokens, TimeProvider.System, NullLogger<ShopperTokenValidator>.Instance);
        _owned.Add(validator);
        _owned.Add(guestTokens);
        return (validator, guestTokens);
    }

    [Fact]
    public async Task Check_ValidToken_GivesAnOpaqueUserPrincipal()
    {
        var check = await CreateSut().Validator.CheckAsync(_issuer.Mint("alice@example.com"));

        check.IsAccepted.ShouldBeTrue(check.Reason);
        check.Principal.ShouldBe(ShopperPrincipal.For(_issuer.Url, "alice@example.com", isGuest: false));
        check.Principal!.Id.ShouldStartWith("u_");
        check.Principal.Id.Length.ShouldBe(24);
        check.Principal.Id.ShouldNotContain("alice");
        check.Principal.IsGuest.ShouldBeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task Check_NoToken_IsMissing401(string? token) =>
        await RefusedAsync(token, TokenRefusals.Missing);

    [Fact]
    public async Task Check_ExpiredToken_IsRefused() =>
        await RefusedAsync(_issuer.Mint("alice", lifetime: TimeSpan.FromMinutes(-5)), TokenRefusals.Expired);

    [Fact]
    public async Task Check_TokenOfAnotherIssuer_IsRefused() =>
        await RefusedAsync(_stranger.Mint("alice"), TokenRefusals.WrongIssuer);

    [Fact]
    public async Task Check_TokenNamingOurIssuerButSignedByAnother_IsRefused() =>
        await RefusedAsync(_issuer.Mint("alice", key: _stranger.SigningKey), TokenRefusals.BadSignature);

    [Fact]
    public async Task Check_TokenForAnotherAudience_IsRefused() =>
        await RefusedAsync(_issuer.Mint("alice", audience: "another-app"), TokenRefusals.WrongAudience);

    [Fact]
    public async Task Check_TamperedPayload_IsRefused()
    {
        var parts = _issuer.Mint("alice").Split('.');
        var forged = TestIssuer.Base64Url(System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(_issuer.Payload("mallory")));

        await RefusedAsync($"{parts[0]}.{forged}.{parts[2]}", TokenRefusals.BadSignature);
    }

    [Fact]
    public async Task Check_AlgNone_IsRefused() =>
        await RefusedAsync(TestIssuer.Forge(new { alg = "none", typ = "JWT" }, _issuer.Payload("alice"), []), TokenRefusals.AlgNotAllowed);

    [Fact]
    public async Task Check_Hs256SignedWithThePublicKey_IsRefused()
    {
        var header = new { alg = "HS256", typ = "JWT", kid = _issuer.SigningKey.KeyId };
        var unsigned = TestIssuer.Forge(header, _issuer.Payload("alice"), []).TrimEnd('.');
        var publicKey = Encoding.UTF8.GetBytes(_issuer.SigningKey.Rsa.ExportSubjectPublicKeyInfoPem());
        var signature = HMACSHA256.HashData(publicKey, Encoding.ASCII.GetBytes(unsigned));

        await RefusedAsync(unsigned + "." + TestIssuer.Base64Url(signature), TokenRefusals.AlgNotAllowed);
    }

    [Theory]
    [InlineData("not-a-token")]
    [InlineData("a.b.c")]
    public async Task Check_Garbage_IsMalformed(string token) =>
        await RefusedAsync(token, TokenRefusals.Malformed);

    [Fact]
    public async Task Check_AfterKeyRotation_TokenWithTheNewKidIsAccepted()
    {
        var (validator, _) = CreateSut();
        (await validator.CheckAsync(_issuer.Mint("alice"))).IsAccepted.ShouldBeTrue();
        var readsBefore = _issuer.JwksReads;

        _issuer.Rotate();
        var check = await validator.CheckAsync(_issuer.Mint("alice"));

        check.IsAccepted.ShouldBeTrue(check.Reason);
        check.Principal.ShouldBe(ShopperPrincipal.For(_issuer.Url, "alice", isGuest: false));
        _issuer.JwksReads.ShouldBeGreaterThan(readsBefore);
    }

    [Fact]
    public async Task Check_GuestClaimWhileGuestsAreOff_IsForbidden()
    {
        var check = await CreateSut(guests: false).Validator.CheckAsync(_issuer.Mint("guest-1", guest: true));

        check.Reason.ShouldBe(TokenRefusals.GuestsDisabled);
        check.StatusCode.ShouldBe(403);
    }

    [Fact]
    public async Task Check_GuestClaimWhileGuestsAreOn_GivesAGuestPrincipal()
    {
        var check = await CreateSut(guests: true).Validator.CheckAsync(_issuer.Mint("guest-1", guest: true));

        check.Principal!.IsGuest.ShouldBeTrue();
        check.Principal.Id.ShouldStartWith("g_");
    }

    [Fact]
    public async Task Check_MintedGuestToken_IsAGuestWithAServerChosenSubject()
    {
        var (validator, guests) = CreateSut(guests: true);

        var first = await validator.CheckAsync(guests.Mint().Token);
        var second = await validator.CheckAsync(guests.Mint().Token);

        first.Principal!.IsGuest.ShouldBeTrue();
        second.Principal!.IsGuest.ShouldBeTrue();
        first.Principal.ShouldNotBe(second.Principal);
    }

    [Fact]
    public async Task Check_GuestTokenOfAnotherKey_IsRefused()
    {
        var (validator, _) = CreateSut(guests: true);
        var (_, otherInstance) = CreateSut(guests: true);

        await RefusedAsync(otherInstance.Mint().Token, TokenRefusals.BadSignature, validator);
    }

    [Fact]
    public async Task Check_TokenNamingTheGuestIssuerButSignedByTheAuthority_IsRefused()
    {
        var (validator, guests) = CreateSut(guests: true);

        await RefusedAsync(_issuer.Mint("alice", issuer: guests.Issuer), TokenRefusals.BadSignature, validator);
    }

    [Fact]
    public async Task Check_GuestTokenWhileGuestsAreOffAndNoKey_IsRefused()
    {
        var (_, guests) = CreateSut(guests: true);

        await RefusedAsync(guests.Mint().Token, TokenRefusals.WrongIssuer);
    }

    private async Task RefusedAsync(string? token, string reason, ShopperTokenValidator? validator = null)
    {
        var check = await (validator ?? CreateSut().Validator).CheckAsync(token);

        check.IsAccepted.ShouldBeFalse();
        check.Reason.ShouldBe(reason);
        check.StatusCode.ShouldBe(401);
    }
}
