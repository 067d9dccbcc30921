using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace MangaAssist.SharedState.ResponseCache;

/// <summary>
/// Identifies an answer that may be replayed: same model, same question (after normalisation), same
/// retrieved context and same conversation-context policy. Also the key of the answer's flight.
/// </summary>
public readonly record struct ResponseCacheKey
{
    private ResponseCacheKey(string value) => Value = value;

    /// <summary><c>v1:</c> and 32 hex digits (the first 128 bits of a SHA-256).</summary>
    public string Value { get; }

    /// <param name="model">Model id or inference profile that will answer.</param>
    /// <param name="question">The shopper's message as typed; normalised here (<see cref="NormalizeQuestion"/>).</param>
    /// <param name="retrievalFingerprint">Identifies the retrieved context (e.g. the hash of the document ids and versions); empty when none.</param>
    /// <param name="contextPolicy">
    /// How conversation history enters the prompt, e.g. <c>stateless</c>, or <c>history:{hash of the turns used}</c>.
    /// Answers that depend on history must not share a policy string with answers that don't.
    /// </param>
    public static ResponseCacheKey Create(string model, string question, string retrievalFingerprint, string contextPolicy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(model);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(retrievalFingerprint);
        ArgumentException.ThrowIfNullOrWhiteSpace(contextPolicy);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        AppendField(hash, model);
        AppendField(hash, NormalizeQuestion(question));
        AppendField(hash, retrievalFingerprint);
        AppendField(hash, contextPolicy);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        return new ResponseCacheKey("v1:" + Convert.ToHexStringLower(digest[..16]));
    }

    /// <summary>
    /// Unicode NFKC (full-width ↔ half-width, compatibility forms), lower case (invariant), every run of
    /// white space (including U+3000) as one space, trimmed. <c>"  ＯＮＥ　PIECE？ "</c> → <c>"one piece?"</c>.
    /// </summary>
    public static string NormalizeQuestion(string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var folded = question.Normalize(NormalizationForm.FormKC).ToLowerInvariant();
        var builder = new StringBuilder(folded.Length);
        var pendingSpace = false;
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString().Normalize(NormalizationForm.FormKC);
    }

    public override string ToString() => Value;

    // Length-prefixed, so ("ab", "c") and ("a", "bc") never hash alike.
    private static void AppendField(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
