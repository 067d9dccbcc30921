using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MangaAssist.Aws.Credentials;

namespace MangaAssist.Aws.Signing;

/// <summary>
/// AWS Signature Version 4 (header signing). Runs for every request, so the canonical request and the string
/// to sign are built in pooled buffers, the signing key is derived once per day and credentials, and the
/// only allocations per call are the header values the request must carry.
/// </summary>
internal sealed class SigV4Signer
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";

    private readonly SigV4SignerSettings _settings;
    private volatile SigningKey? _signingKey;
    private volatile AmzDate? _amzDate;

    public SigV4Signer(SigV4SignerSettings settings)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.Service);
        ArgumentException.ThrowIfNullOrWhiteSpace(settings.Region);
        _settings = settings;
    }

    public SigV4SignerSettings Settings => _settings;

    public SigV4Signature Sign(scoped in SigV4Request request, AwsCredentials credentials, DateTimeOffset now, SigV4Trace? trace = null)
    {
        var amzDate = GetAmzDate(now);
        var key = GetSigningKey(credentials.SecretAccessKey, amzDate.AsSpan(0, 8));

        Span<byte> payloadHash = stackalloc byte[32];
        SHA256.HashData(request.Payload, payloadHash);
        Span<char> payloadHex = stackalloc char[64];
        Convert.TryToHexStringLower(payloadHash, payloadHex, out _);
        var contentSha256 = _settings.SendContentSha256 ? new string(payloadHex) : null;
        var signToken = _settings.SignSessionToken ? credentials.SessionToken : null;

        var canonical = new Utf8Builder(512 + request.Path.Length * 3 + request.Query.Length * 3);
        var stringToSign = new Utf8Builder(256);
        try
        {
            var (signedStart, signedLength) = WriteCanonicalRequest(ref canonical, request, amzDate, signToken, contentSha256, payloadHex);

            Span<byte> canonicalHash = stackalloc byte[32];
            SHA256.HashData(canonical.Written, canonicalHash);
            Span<char> canonicalHex = stackalloc char[64];
            Convert.TryToHexStringLower(canonicalHash, canonicalHex, out _);

            stringToSign.Append("AWS4-HMAC-SHA256\n"u8);
            stringToSign.Append(amzDate);
            stringToSign.Append((byte)'\n');
            stringToSign.Append(key.Scope);
            stringToSign.Append((byte)'\n');
            stringToSign.Append(canonicalHex);

            Span<byte> signature = stackalloc byte[32];
            HMACSHA256.HashData(key.Key, stringToSign.Written, signature);
            Span<char> signatureHex = stackalloc char[64];
            Convert.TryToHexStringLower(signature, signatureHex, out _);

            var signedHeaders = canonical.Written.Slice(signedStart, signedLength);
            var authorization = BuildAuthorization(credentials.AccessKeyId, key.Scope, signedHeaders, signatureHex);

            if (trace is not null)
            {
                trace.CanonicalRequest = canonical.ToUtf8String();
                trace.StringToSign = stringToSign.ToUtf8String();
                trace.Signature = new string(signatureHex);
            }

            return new SigV4Signature(amzDate, authorization, credentials.SessionToken, contentSha256);
        }
        finally
        {
            canonical.Dispose();
            stringToSign.Dispose();
        }
    }

    private (int SignedStart, int SignedLength) WriteCanonicalRequest(
        ref Utf8Builder builder,
        scoped in SigV4Request request,
        string amzDate,
        string? sessionToken,
        string? contentSha256,
        scoped ReadOnlySpan<char> payloadHex)
    {
        builder.Append(request.Method);
        builder.Append((byte)'\n');
        WriteCanonicalUri(ref builder, request.Path);
        builder.Append((byte)'\n');
        CanonicalQuery.Append(ref builder, request.Query);
        builder.Append((byte)'\n');

        var headers = ArrayPool<SigningHeader>.Shared.Rent(request.Headers.Length + 4);
        var n = 0;
        foreach (var header in request.Headers)
        {
            headers[n++] = new SigningHeader(header.Name.ToLowerInvariant(), header.Value);
        }

        headers[n++] = new SigningHeader("host", request.Host);
        headers[n++] = new SigningHeader("x-amz-date", amzDate);
        if (sessionToken is not null)
        {
            headers[n++] = new SigningHeader("x-amz-security-token", sessionToken);
        }

        if (contentSha256 is not null)
        {
            headers[n++] = new SigningHeader("x-amz-content-sha256", contentSha256);
        }

        var sorted = headers.AsSpan(0, n);
        CanonicalHeaders.SortStable(sorted);
        try
        {
            return CanonicalHeaders.Append(ref builder, sorted, payloadHex);
        }
        finally
        {
            sorted.Clear();
            ArrayPool<SigningHeader>.Shared.Return(headers);
        }
    }

    private void WriteCanonicalUri(ref Utf8Builder builder, ReadOnlySpan<char> path)
    {
        if (_settings.NormalizePath && CanonicalPath.NeedsNormalization(path))
        {
            path = CanonicalPath.Normalize(path);
        }
        else if (path.IsEmpty)
        {
            path = "/";
        }

        if (_settings.DoubleEncodePath)
        {
            builder.AppendUriEncoded(path, keepSlash: true);
        }
        else
        {
            builder.Append(path);
        }
    }

    private static string BuildAuthorization(string accessKeyId, ReadOnlySpan<byte> scope, ReadOnlySpan<byte> signedHeaders, ReadOnlySpan<char> signatureHex)
    {
        const string credentialPrefix = Algorithm + " Credential=";
        const string signedHeadersPrefix = ", SignedHeaders=";
        const string signaturePrefix = ", Signature=";
        var length = credentialPrefix.Length + accessKeyId.Length + 1 + scope.Length + signedHeadersPrefix.Length
            + signedHeaders.Length + signaturePrefix.Length + signatureHex.Length;

        char[]? rented = null;
        var chars = length <= 512 ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length));
        var position = 0;
        Write(chars, ref position, credentialPrefix);
        Write(chars, ref position, accessKeyId);
        chars[position++] = '/';
        position += Encoding.ASCII.GetChars(scope, chars[position..]);
        Write(chars, ref position, signedHeadersPrefix);
        position += Encoding.ASCII.GetChars(signedHeaders, chars[position..]);
        Write(chars, ref position, signaturePrefix);
        Write(chars, ref position, signatureHex);
        var result = new string(chars[..position]);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return result;

        static void Write(Span<char> destination, ref int position, ReadOnlySpan<char> value)
        {
            value.CopyTo(destination[position..]);
            position += value.Length;
        }
    }

    private string GetAmzDate(DateTimeOffset now)
    {
        var utc = now.UtcDateTime;
        var second = utc.Ticks / TimeSpan.TicksPerSecond;
        var cached = _amzDate;
        if (cached is not null && cached.Second == second)
        {
            return cached.Value;
        }

        var value = utc.ToString(AmzDateFormat, CultureInfo.InvariantCulture);
        _amzDate = new AmzDate(second, value);
        return value;
    }

    private SigningKey GetSigningKey(string secretAccessKey, ReadOnlySpan<char> dateStamp)
    {
        var cached = _signingKey;
        if (cached is not null && dateStamp.SequenceEqual(cached.DateStamp) && string.Equals(cached.Secret, secretAccessKey, StringComparison.Ordinal))
        {
            return cached;
        }

        var date = dateStamp.ToString();
        var key = new byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), Encoding.UTF8.GetBytes(date), key);
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(_settings.Region), key);
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(_settings.Service), key);
        HMACSHA256.HashData(key, "aws4_request"u8, key);
        var scope = Encoding.UTF8.GetBytes($"{date}/{_settings.Region}/{_settings.Service}/aws4_request");
        var created = new SigningKey(secretAccessKey, date, key, scope);
        _signingKey = created;
        return created;
    }

    private sealed record SigningKey(string Secret, string DateStamp, byte[] Key, byte[] Scope);

    private sealed record AmzDate(long Second, string Value);
}
