using MangaAssist.Emulators.TokenIssuer.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.TokenIssuer.Tests.Tokens;

public sealed class IssuedTokenTests
{
    [Fact]
    public async Task A_user_token_validates_against_the_keys_fetched_over_http()
    {
        await using var issuer = await IssuerUnderTest.StartAsync();

        var answer = await issuer.IssueAsync("""{"sub":"alice"}""");
        var result = await issuer.ValidateAsync(answer.Token);

        result.IsValid.ShouldBeTrue(result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        token.Alg.ShouldBe("RS256");
        token.Subject.ShouldBe("alice");
        answer.Sub.ShouldBe("alice");
        token.Issuer.ShouldBe(issuer.Issuer);
        token.Audiences.ShouldBe(["mangaassist"]);
        token.TryGetPayloadValue<bool>("guest", out _).ShouldBeFalse();
        (await issuer.FetchJwksAsync()).Keys.Select(k => k.Kid).ShouldContain(token.Kid);
    }

    [Fact]
    public async Task A_token_lives_an_hour_by_default_from_the_issuers_clock()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2031, 5, 3, 9, 0, 0, 250, TimeSpan.Zero));
        await using var issuer = await IssuerUnderTest.StartAsync(clock);

        var answer = await issuer.IssueAsync("""{"sub":"alice"}""");

        var token = new JsonWebToken(answer.Token);
        token.IssuedAt.ShouldBe(new DateTime(2031, 5, 3, 9, 0, 0, DateTimeKind.Utc));
        token.ValidFrom.ShouldBe(token.IssuedAt);
        token.ValidTo.ShouldBe(token.IssuedAt.AddHours(1));
        answer.ExpiresAt.ShouldBe(new DateTimeOffset(token.ValidTo, TimeSpan.Zero));
    }

    [Fact]
    public async Task Ttl_seconds_sets_the_lifetime()
    {
        await using var issuer = await IssuerUnderTest.StartAsync();

        var token = new JsonWebToken((await issuer.IssueAsync("""{"sub":"alice","ttlSeconds":90}""")).Token);

        (token.ValidTo - token.IssuedAt).ShouldBe(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task A_guest_gets_a_fresh_issuer_chosen_subject_and_the_guest_claim()
    {
        await using var issuer = await IssuerUnderTest.StartAsync();

        var first = await issuer.IssueAsync("""{"guest":true}""");
        var second = await issuer.IssueAsync("""{"guest":true}""");

        var result = await issuer.ValidateAsync(first.Token);
        result.IsValid.ShouldBeTrue(result.Exception?.Message);
        var token = (JsonWebToken)result.SecurityToken;
        token.Subject.ShouldMatch("^guest-[0-9a-f]{32}$");
        token.Subject.ShouldBe(first.Sub);
        token.GetPayloadValue<bool>("guest").ShouldBeTrue();
        second.Sub.ShouldNotBe(first.Sub);
    }

    [Fact]
    public async Task An_audience_override_makes_a_token_the_service_refuses()
    {
        await using var issuer = await IssuerUnderTest.StartAsync();

        var token = (await issuer.IssueAsync("""{"sub":"alice","aud":"another-api"}""")).Token;

        (await issuer.ValidateAsync(token)).IsValid.ShouldBeFalse();
        (await issuer.ValidateAsync(token, audience: "another-api")).IsValid.ShouldBeTrue();
    }

    [Fact]
    public async Task A_token_whose_payload_was_changed_no_longer_validates()
    {
        await using var issuer = await IssuerUnderTest.StartAsync();
        var token = (await issuer.IssueAsync("""{"sub":"alice"}""")).Token;
        var forged = (await issuer.IssueAsync("""{"sub":"mallory"}""")).Token;

        var parts = token.Split('.');
        var spliced = $"{parts[0]}.{forged.Split('.')[1]}.{parts[2]}";

        (await issuer.ValidateAsync(spliced)).IsValid.ShouldBeFalse();
    }
}
