using MangaAssist.Emulators.TokenIssuer.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.TokenIssuer.Tests.Configuration;

public sealed class StartupTests
{
    [Fact]
    public void In_production_the_issuer_refuses_to_start_and_says_what_to_do_instead()
    {
        var refused = Should.Throw<TokenIssuerRefusedException>(() => TokenIssuerApp.Create(["--environment", "Production", "--urls", "http://127.0.0.1:0"]));

        refused.Message.ShouldContain("Production");
        refused.Message.ShouldContain("Identity:Authority");
    }

    [Fact]
    public void Bad_settings_stop_start_up_naming_every_key()
    {
        var failure = Should.Throw<OptionsValidationException>(() => TokenIssuerApp.Create(
        [
            "--environment", "Development",
            "--TokenIssuer:ListenUrl=not-a-url",
            "--TokenIssuer:Issuer=ftp://issuer",
            "--TokenIssuer:DefaultTokenLifetime=02:00:00",
            "--TokenIssuer:MaxTokenLifetime=01:00:00",
            "--TokenIssuer:RetiredKeysPublished=0",
        ]));

        failure.Failures.ShouldContain(f => f.StartsWith("TokenIssuer:ListenUrl", StringComparison.Ordinal));
        failure.Failures.ShouldContain(f => f.StartsWith("TokenIssuer:Issuer", StringComparison.Ordinal));
        failure.Failures.ShouldContain(f => f.StartsWith("TokenIssuer:DefaultTokenLifetime", StringComparison.Ordinal));
        failure.Failures.ShouldContain(f => f.StartsWith("TokenIssuer:RetiredKeysPublished", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_configured_issuer_is_the_iss_of_every_token()
    {
        await using var issuer = await IssuerUnderTest.StartAsync(("Issuer", "https://auth.example.test/"));

        var token = new Microsoft.IdentityModel.JsonWebTokens.JsonWebToken((await issuer.IssueAsync("""{"sub":"alice"}""")).Token);

        token.Issuer.ShouldBe("https://auth.example.test");
    }
}
