using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using MangaAssist.Emulators.TokenIssuer.Configuration;

namespace MangaAssist.Emulators.TokenIssuer.Tokens;

/// <summary>Turns a <see cref="TokenRequest"/> into a <see cref="TokenOrder"/>, or says in one sentence why not.</summary>
internal static class TokenRequestRules
{
    public const int MaxSubjectLength = 128;
    public const int MaxAudienceLength = 256;

    /// <summary>Subjects the issuer hands out to guests; a signed-in subject may not pose as one.</summary>
    public const string GuestPrefix = "guest-";

    public static string? TryOrder(TokenRequest request, TokenIssuerOptions options, out TokenOrder? order)
    {
        order = null;
        var isGuest = request.Guest == true;
        if (isGuest && request.Sub is not null)
        {
            return "Give either \"sub\" or \"guest\":true, not both.";
        }

        if (!isGuest && request.Sub is null)
        {
            return "Give \"sub\" (the user's id) or \"guest\":true.";
        }

        if (!isGuest && SubjectProblem(request.Sub!) is { } subjectProblem)
        {
            return subjectProblem;
        }

        var maxSeconds = (int)options.MaxTokenLifetime.TotalSeconds;
        if (request.TtlSeconds is { } ttl && (ttl < 1 || ttl > maxSeconds))
        {
            return $"\"ttlSeconds\" must be between 1 and {maxSeconds}.";
        }

        if (request.Aud is { } audience && !IsPrintable(audience, MaxAudienceLength))
        {
            return $"\"aud\" must be 1 to {MaxAudienceLength} printable characters without surrounding spaces.";
        }

        var subject = isGuest ? GuestPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)) : request.Sub!;
        var lifetime = request.TtlSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.DefaultTokenLifetime;
        order = new TokenOrder(subject, isGuest, lifetime, request.Aud ?? options.Audience);
        return null;
    }

    private static string? SubjectProblem(string subject)
    {
        if (!IsPrintable(subject, MaxSubjectLength))
        {
            return $"\"sub\" must be 1 to {MaxSubjectLength} printable characters without surrounding spaces.";
        }

        return subject.StartsWith(GuestPrefix, StringComparison.OrdinalIgnoreCase)
            ? $"\"sub\" may not start with \"{GuestPrefix}\": guest ids are chosen by the issuer (send \"guest\":true)."
            : null;
    }

    private static bool IsPrintable(string value, int maxLength)
    {
        if (value.Length is 0 || value.Length > maxLength || char.IsWhiteSpace(value[0]) || char.IsWhiteSpace(value[^1]))
        {
            return false;
        }

        // Rune by rune, so a lone surrogate (not a character at all) is refused along with control characters.
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var used) != OperationStatus.Done || Rune.IsControl(rune))
            {
                return false;
            }

            rest = rest[used..];
        }

        return true;
    }
}
