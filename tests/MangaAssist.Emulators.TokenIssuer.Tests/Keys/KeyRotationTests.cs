using MangaAssist.Emulators.TokenIssuer.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.TokenIssuer.Tests.Keys;

public sealed class KeyRotationTests
{
    [Fact]
    public async Task After_a_rotation_the_new_key_signs_and_tokens_of_the_old_one_still_validate()
    {
        await using var issuer = await IssuerUnderTest.StartAsync();
        var before = new JsonWebToken((await issuer.IssueAsync("""{"sub":"alice"}""")).Token);

        var newKid = await issuer.RotateKeysAsync();
        var after = new JsonWebToken((await issuer.IssueAsync("""{"sub":"alice"}""")).Token);

        newKid.ShouldNotBe(before.Kid);
        after.Kid.ShouldBe(newKid);
        (await issuer.FetchJwksAsync()).Keys.Select(k => k.Kid).ShouldBe([newKid, before.Kid]);
        (await issuer.ValidateAsync(before.EncodedToken)).IsValid.ShouldBeTrue();
        (await issuer.ValidateAsync(after.EncodedToken)).IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task A_key_retired_beyond_the_published_count_leaves_the_jwks_and_its_tokens_stop_validating()
    {
        await using var issuer = await IssuerUnderTest.StartAsync(("RetiredKeysPublished", "1"));
        var oldest = (await issuer.IssueAsync("""{"sub":"alice"}""")).Token;

        await issuer.RotateKeysAsync();
        await issuer.RotateKeysAsync();

        (await issuer.FetchJwksAsync()).Keys.Count.ShouldBe(2);
        (await issuer.FetchJwksAsync()).Keys.Select(k => k.Kid).ShouldNotContain(new JsonWebToken(oldest).Kid);
        (await issuer.ValidateAsync(oldest)).IsValid.ShouldBeFalse();
    }

    [Fact]
    public async Task The_jwks_publishes_public_rsa_signing_keys_only()
    {
        await using var issuer = await IssuerUnderTest.StartAsync();
        await issuer.RotateKeysAsync();

        var json = await issuer.Http.GetStringAsync(".well-known/jwks.json", Guard.Token());
        var keys = new Microsoft.IdentityModel.Tokens.JsonWebKeySet(json).Keys;

        keys.ShouldAllBe(k => k.Kty == "RSA" && k.Use == "sig" && k.Alg == "RS256" && !string.IsNullOrEmpty(k.N) && !string.IsNullOrEmpty(k.E));
        keys.ShouldAllBe(k => k.D == null && k.P == null && k.Q == null && k.DP == null && k.DQ == null && k.QI == null);
        json.ShouldNotContain("\"d\"");
    }

    [Fact]
    public async Task Discovery_names_the_issuer_its_jwks_and_rs256()
    {
        await using var issuer = await IssuerUnderTest.StartAsync();

        var configuration = Microsoft.IdentityModel.Protocols.OpenIdConnect.OpenIdConnectConfiguration.Create(
            await issuer.Http.GetStringAsync(".well-known/openid-configuration", Guard.Token()));

        configuration.Issuer.ShouldBe(issuer.Issuer);
        configuration.JwksUri.ShouldBe(issuer.Issuer + "/.well-known/jwks.json");
        configuration.IdTokenSigningAlgValuesSupported.ShouldBe(["RS256"]);
    }
}
