using MangaAssist.Emulators.TokenIssuer;
using MangaAssist.LoadTest.Users;
using Microsoft.IdentityModel.JsonWebTokens;

namespace MangaAssist.LoadTest.Tests;

public sealed class ShopperTokensTests
{
    [Fact]
    public async Task FetchAsync_GivesEveryUserItsOwnSubjectInUserOrder_FromARealIssuer()
    {
        await using var issuer = TokenIssuerApp.Create(["--urls", "http://127.0.0.1:0", "--environment", "Development", "--Logging:LogLevel:Default=Warning"]);
        await issuer.StartAsync();

        var tokens = await ShopperTokens.FetchAsync(TokenIssuerApp.GetIssuer(issuer), 25, TimeSpan.FromHours(2), CancellationToken.None);

        var parsed = tokens.Select(t => new JsonWebToken(t)).ToList();
        parsed.Select(t => t.Subject).ShouldBe(Enumerable.Range(0, 25).Select(i => $"loadtest-shopper-{i}"));
        parsed.ShouldAllBe(t => t.ValidTo - t.IssuedAt == TimeSpan.FromHours(2));
        await issuer.StopAsync();
    }

    [Theory]
    [InlineData("ws://127.0.0.1:8080/", "ws://127.0.0.1:8080/?token=a.b.c")]
    [InlineData("ws://127.0.0.1:8080/local?lang=ja", "ws://127.0.0.1:8080/local?lang=ja&token=a.b.c")]
    public void ConnectUri_PutsTheTokenInTheQueryAsABrowserWould(string target, string expected)
    {
        ShopperTokens.ConnectUri(new Uri(target), "a.b.c").ToString().ShouldBe(expected);
    }

    [Fact]
    public void ConnectUri_WithoutAToken_IsTheTarget()
    {
        ShopperTokens.ConnectUri(new Uri("ws://127.0.0.1:8080/"), null).ShouldBe(new Uri("ws://127.0.0.1:8080/"));
    }
}
