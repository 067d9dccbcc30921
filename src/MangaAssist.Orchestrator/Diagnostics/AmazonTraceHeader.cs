using System.Diagnostics;

namespace MangaAssist.Orchestrator.Diagnostics;

/// <summary>
/// Reads API Gateway's <c>X-Amzn-Trace-Id</c> (<c>Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1</c>)
/// as a W3C trace context: the root's epoch and random parts are the 32 hex digits of the trace id,
/// <c>Parent</c> is the span id. X-Ray and OpenTelemetry share these ids, so one trace spans both.
/// </summary>
public static class AmazonTraceHeader
{
    public const string Name = "X-Amzn-Trace-Id";

    public static bool TryParse(string? header, out ActivityContext context)
    {
        context = default;
        if (string.IsNullOrEmpty(header))
        {
            return false;
        }

        string? root = null, parent = null;
        var sampled = true;
        foreach (var part in header.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith("Root=", StringComparison.Ordinal)) { root = part[5..]; }
            else if (part.StartsWith("Parent=", StringComparison.Ordinal)) { parent = part[7..]; }
            else if (part.StartsWith("Sampled=", StringComparison.Ordinal)) { sampled = part[8..] != "0"; }
        }

        // Root is "1-{8 hex epoch}-{24 hex}"; a parent span is needed to continue a trace.
        if (root is not { Length: 35 } || !root.StartsWith("1-", StringComparison.Ordinal) || root[10] != '-' || parent is not { Length: 16 })
        {
            return false;
        }

        var traceId = string.Concat(root.AsSpan(2, 8), root.AsSpan(11, 24));
        if (!IsHex(traceId) || !IsHex(parent))
        {
            return false;
        }

        context = new ActivityContext(
            ActivityTraceId.CreateFromString(traceId),
            ActivitySpanId.CreateFromString(parent),
            sampled ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None,
            isRemote: true);
        return true;
    }

    private static bool IsHex(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
