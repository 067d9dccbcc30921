using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MangaAssist.Emulators.TokenIssuer.Tests.Infrastructure;
using Shouldly;
using Xunit;

namespace MangaAssist.Emulators.TokenIssuer.Tests.Tokens;

public sealed class BadInputTests
{
    [Theory]
    [InlineData("{}", "\"sub\"")]
    [InlineData("""{"guest":false}""", "\"sub\"")]
    [InlineData("""{"sub":"alice","guest":true}""", "not both")]
    [InlineData("""{"sub":""}""", "printable")]
    [InlineData("""{"sub":" alice"}""", "printable")]
    [InlineData("""{"sub":"ali\u0007ce"}""", "printable")]
    [InlineData("""{"sub":"guest-0123"}""", "guest ids are chosen by the issuer")]
    [InlineData("""{"sub":"alice","ttlSeconds":0}""", "ttlSeconds")]
    [InlineData("""{"sub":"alice","ttlSeconds":86401}""", "ttlSeconds")]
    [InlineData("""{"sub":"alice","aud":""}""", "\"aud\"")]
    [InlineData("""{"sub":"alice","role":"admin"}""", "nothing else")]
    [InlineData("""{"sub":"alice","ttlSeconds":"60"}""", "nothing else")]
    [InlineData("""{"sub":"alice" """, "JSON object")]
    [InlineData("null", "JSON object")]
    [InlineData("[]", "JSON object")]
    public async Task A_request_that_breaks_a_rule_gets_400_problem_details_saying_which(string body, string expected)
    {
        await using var issuer = await IssuerUnderTest.StartAsync();

        using var response = await issuer.RequestTokenAsync(body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await DetailAsync(response)).ShouldContain(expected);
    }

    [Fact]
    public async Task A_subject_of_128_characters_is_accepted_and_one_of_129_is_not()
    {
        await using var issuer = await IssuerUnderTest.StartAsync();

        (await issuer.IssueAsync($$"""{"sub":"{{new string('a', 128)}}"}""")).Sub.Length.ShouldBe(128);
        using var response = await issuer.RequestTokenAsync($$"""{"sub":"{{new string('a', 129)}}"}""");
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_body_that_is_not_json_gets_415()
    {
        await using var issuer = await IssuerUnderTest.StartAsync();

        using var response = await issuer.Http.PostAsync("tokens", new StringContent("sub=alice", Encoding.UTF8, "application/x-www-form-urlencoded"), Guard.Token());

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_body_over_4_KB_gets_413_whether_or_not_it_declares_its_length()
    {
        await using var issuer = await IssuerUnderTest.StartAsync();
        var big = $$"""{"sub":"alice","aud":"{{new string('a', 5000)}}"}""";

        using var declared = await issuer.RequestTokenAsync(big);
        using var chunked = await issuer.Http.PostAsync("tokens", new ChunkedJson(big), Guard.Token());

        declared.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        chunked.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    private static async Task<string> DetailAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Guard.Token());
        problem.GetProperty("status").GetInt32().ShouldBe((int)response.StatusCode);
        return problem.GetProperty("detail").GetString()!;
    }

    /// <summary>JSON without a Content-Length, so only the server's read limit can stop it.</summary>
    private sealed class ChunkedJson : HttpContent
    {
        private readonly byte[] _bytes;

        public ChunkedJson(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
