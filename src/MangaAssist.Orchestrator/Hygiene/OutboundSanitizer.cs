using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MangaAssist.Orchestrator.Hygiene;

/// <summary>
/// The one gate every outbound JSON payload passes (WebSocket frames and HTTP response bodies):
/// embedding vectors, retrieved context, prompts and debug fields never leave the service. Field
/// names are matched at any depth, ignoring case, <c>_</c> and <c>-</c>; any array of more than
/// <see cref="MaxNumericArrayLength"/> numbers is dropped whatever its name, because that is what
/// a leaked vector looks like. A clean payload (every frame the service writes itself) is checked
/// in one forward read and returned as is, without copying. With <c>allowDebug</c> (only ever
/// in a non-production stage) debug fields, prompts and context pass; vectors never do.
/// </summary>
public sealed class OutboundSanitizer(bool allowDebug = false)
{
    /// <summary>Longest array of numbers let through.</summary>
    public const int MaxNumericArrayLength = 16;

    // Vectors never leave, not even in debug: they are what caused the 413s in the field.
    private static readonly string[] VectorNames = ["embedding", "embeddings", "vector", "vectors", "knnvector", "queryvector"];

    // Prompts, retrieved context and internals may leave only in a non-production stage with debug on.
    private static readonly string[] SensitiveNames =
    [
        "prompt", "prompts", "systemprompt", "messages", "rawcontext", "context", "retrievedcontext", "contextpassages", "passages",
        "source", "debuginfo", "trace", "stacktrace", "exception", "internal",
    ];

    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Whether a field of this name may leave the service.</summary>
    public bool IsAllowedName(ReadOnlySpan<char> name)
    {
        if (name.Length > 64)
        {
            return true;
        }

        Span<char> normalized = stackalloc char[64];
        var length = 0;
        foreach (var c in name)
        {
            if (c is '_' or '-')
            {
                continue;
            }

            normalized[length++] = char.ToLowerInvariant(c);
        }

        var key = normalized[..length];
        foreach (var vector in VectorNames)
        {
            if (key.SequenceEqual(vector))
            {
                return false;
            }
        }

        if (allowDebug)
        {
            return true;
        }

        if (key.StartsWith("debug") || key.StartsWith("xdebug"))
        {
            return false;
        }

        foreach (var sensitive in SensitiveNames)
        {
            if (key.SequenceEqual(sensitive))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The payload without forbidden content; the same memory when it was already clean.</summary>
    public ReadOnlyMemory<byte> Sanitize(ReadOnlyMemory<byte> json)
    {
        if (IsClean(json.Span))
        {
            return json;
        }

        var output = new ArrayBufferWriter<byte>(json.Length);
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            var reader = new Utf8JsonReader(json.Span);
            if (reader.Read())
            {
                if (IsLongNumericArray(reader))
                {
                    // A payload that is nothing but a vector leaves as an empty array.
                    writer.WriteStartArray();
                    writer.WriteEndArray();
                }
                else
                {
                    CopyValue(ref reader, writer);
                }
            }
        }

        return output.WrittenMemory;
    }

    /// <summary>True when nothing would be removed. Invalid JSON is never clean (and is rewritten as far as it parses).</summary>
    public bool IsClean(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            var scopes = new ScopeStack(stackalloc int[64]);
            Span<char> name = stackalloc char[128];
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var allowed = reader.ValueSpan.Length <= name.Length
                            ? IsAllowedName(name[..reader.CopyString(name)])
                            : IsAllowedName(reader.GetString());
                        if (!allowed)
                        {
                            return false;
                        }

                        continue;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        scopes.Pop();
                        continue;
                    case JsonTokenType.Number:
                        if (!scopes.CountLeadingNumber())
                        {
                            return false;
                        }

                        continue;
                    default:
                        scopes.EndLeadingNumbers();
                        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                        {
                            scopes.Push(reader.TokenType == JsonTokenType.StartArray);
                        }

                        continue;
                }
            }

            return true;
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException or IndexOutOfRangeException)
        {
            return false;
        }
    }

    private void CopyValue(ref Utf8JsonReader reader, Utf8JsonWriter writer)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                writer.WriteStartObject();
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    if (!IsAllowedName(name) || IsLongNumericArray(reader))
                    {
                        reader.Skip();
                        continue;
                    }

                    writer.WritePropertyName(name);
                    CopyValue(ref reader, writer);
                }

                writer.WriteEndObject();
                break;
            case JsonTokenType.StartArray:
                writer.WriteStartArray();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (IsLongNumericArray(reader))
                    {
                        reader.Skip();
                        continue;
                    }

                    CopyValue(ref reader, writer);
                }

                writer.WriteEndArray();
                break;
            case JsonTokenType.String:
                writer.WriteStringValue(reader.GetString());
                break;
            default:
                writer.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                break;
        }
    }

    /// <summary>Looks ahead (on a copy of the reader) whether the array starting here is a long run of numbers.</summary>
    private static bool IsLongNumericArray(Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            return false;
        }

        var numbers = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.Number)
        {
            if (++numbers > MaxNumericArrayLength)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Open containers while scanning; for each array, how many numbers it starts with (-1 once
    /// something else came first), which is how a vector is recognised.
    /// </summary>
    private ref struct ScopeStack(Span<int> leadingNumbers)
    {
        private const int NotAnArray = int.MinValue;
        private readonly Span<int> _leading = leadingNumbers;
        private int _depth = -1;

        public void Push(bool isArray) => _leading[++_depth] = isArray ? 0 : NotAnArray;

        public void Pop() => _depth--;

        /// <summary>A number in the current scope; false when it makes an array a vector.</summary>
        public bool CountLeadingNumber()
        {
            if (_depth < 0 || _leading[_depth] < 0)
            {
                return true;
            }

            return ++_leading[_depth] <= MaxNumericArrayLength;
        }

        public void EndLeadingNumbers()
        {
            if (_depth >= 0 && _leading[_depth] >= 0)
            {
                _leading[_depth] = -1;
            }
        }
    }
}
