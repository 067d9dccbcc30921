using System.Text;

namespace MangaAssist.Emulators.Bedrock.Answers;

/// <summary>
/// Process-independent hashing (FNV-1a 64 over UTF-8, then SplitMix64 steps). string.GetHashCode is randomised
/// per process, and answers and embeddings must be the same in every run and on every machine.
/// </summary>
public static class StableHash
{
    private const ulong FnvOffset = 14695981039346656037;
    private const ulong FnvPrime = 1099511628211;

    public static ulong Of(string text)
    {
        var hash = FnvOffset;
        Span<byte> buffer = stackalloc byte[256];
        foreach (var chunk in text.Chunk(64))
        {
            var length = Encoding.UTF8.GetBytes(chunk, buffer);
            foreach (var b in buffer[..length])
            {
                hash = (hash ^ b) * FnvPrime;
            }
        }

        return hash;
    }

    public static ulong Of(params string[] parts) => Of(string.Join('\u001F', parts));

    /// <summary>Advances a SplitMix64 state and returns the next well-mixed 64-bit value.</summary>
    public static ulong Next(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15;
        var z = state;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
        return z ^ (z >> 31);
    }
}
