using System.Text;
using System.Text.Json;
using MangaAssist.Aws.Credentials;
using MangaAssist.Aws.Signing;
using Shouldly;
using Xunit;

namespace MangaAssist.Aws.Tests.Signing;

/// <summary>AWS's published SigV4 vectors (see TestData/aws-sig-v4-test-suite/README.md).</summary>
public sealed class SigV4TestSuiteTests
{
    private static readonly string SuiteDirectory = Path.Combine(AppContext.BaseDirectory, "TestData", "aws-sig-v4-test-suite");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories(SuiteDirectory).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    [Fact]
    public void TheSuiteHoldsEveryHeaderSigningCase() => Cases().Count.ShouldBe(38);

    [Theory]
    [MemberData(nameof(Cases))]
    public void CanonicalRequestStringToSignAndSignatureMatchTheVectorByteForByte(string name)
    {
        var directory = Path.Combine(SuiteDirectory, name);
        var context = VectorContext.Load(Path.Combine(directory, "context.json"));
        var request = ParsedRequest.Parse(File.ReadAllText(Path.Combine(directory, "request.txt"), Encoding.UTF8));
        var signer = new SigV4Signer(new SigV4SignerSettings(
            context.Service,
            context.Region,
            DoubleEncodePath: true,
            NormalizePath: context.Normalize,
            SendContentSha256: context.SignBody,
            SignSessionToken: !context.OmitSessionToken));
        var trace = new SigV4Trace();

        var signature = signer.Sign(
            new SigV4Request(request.Method, request.Host, request.Path, request.Query, request.Headers.ToArray(), Encoding.UTF8.GetBytes(request.Body)),
            context.Credentials,
            context.Timestamp,
            trace);

        trace.CanonicalRequest.ShouldBe(File.ReadAllText(Path.Combine(directory, "header-canonical-request.txt"), Encoding.UTF8));
        trace.StringToSign.ShouldBe(File.ReadAllText(Path.Combine(directory, "header-string-to-sign.txt"), Encoding.UTF8));
        var expectedSignature = File.ReadAllText(Path.Combine(directory, "header-signature.txt")).Trim();
        trace.Signature.ShouldBe(expectedSignature);
        signature.Authorization.ShouldEndWith($", Signature={expectedSignature}");
        signature.AmzDate.ShouldBe("20150830T123600Z");
        signature.SecurityToken.ShouldBe(context.Credentials.SessionToken);
    }

    private sealed record VectorContext(AwsCredentials Credentials, string Region, string Service, DateTimeOffset Timestamp, bool Normalize, bool SignBody, bool OmitSessionToken)
    {
        public static VectorContext Load(string path)
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            var credentials = root.GetProperty("credentials");
            return new VectorContext(
                new AwsCredentials(
                    credentials.GetProperty("access_key_id").GetString()!,
                    credentials.GetProperty("secret_access_key").GetString()!,
                    credentials.TryGetProperty("token", out var token) ? token.GetString() : null),
                root.GetProperty("region").GetString()!,
                root.GetProperty("service").GetString()!,
                DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                root.GetProperty("normalize").GetBoolean(),
                root.GetProperty("sign_body").GetBoolean(),
                root.TryGetProperty("omit_session_token", out var omit) && omit.GetBoolean());
        }
    }

    private sealed record ParsedRequest(string Method, string Host, string Path, string Query, List<SigningHeader> Headers, string Body)
    {
        // request.txt is a raw HTTP/1.1 request; lines starting with whitespace continue the previous header.
        public static ParsedRequest Parse(string text)
        {
            var lines = text.Split('\n');
            var requestLine = lines[0].TrimEnd('\r');
            var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
            var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
            var question = target.IndexOf('?', StringComparison.Ordinal);
            var path = question < 0 ? target : target[..question];
            var query = question < 0 ? "" : target[(question + 1)..];

            var headers = new List<(string Name, string Value)>();
            var index = 1;
            for (; index < lines.Length; index++)
            {
                var line = lines[index].TrimEnd('\r');
                if (line.Length == 0)
                {
                    index++;
                    break;
                }

                if (char.IsWhiteSpace(line[0]))
                {
                    var last = headers[^1];
                    headers[^1] = (last.Name, last.Value + "\n" + line);
                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add((line[..colon], line[(colon + 1)..]));
            }

            var body = index < lines.Length ? string.Join('\n', lines[index..]) : "";
            var host = headers.Single(h => h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value;
            var signed = headers
                .Where(h => !h.Name.Equals("Host", StringComparison.OrdinalIgnoreCase))
                .Select(h => new SigningHeader(h.Name, h.Value))
                .ToList();
            return new ParsedRequest(method, host, path, query, signed, body);
        }
    }
}
