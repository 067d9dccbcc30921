using Google.Protobuf;

namespace MangaAssist.Telemetry.Tests.Otlp;

/// <summary>
/// Decodes OTLP/HTTP protobuf bodies by hand with <see cref="CodedInputStream"/> (no protoc here),
/// reading only the fields the tests look at and skipping the rest, as a real receiver must.
/// Field numbers are those of opentelemetry-proto v1 (collector/trace/v1, trace/v1, common/v1, resource/v1).
/// </summary>
public static class OtlpDecoder
{
    /// <summary>ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; }</summary>
    public static IReadOnlyList<OtlpSpan> DecodeTraces(ReadOnlySpan<byte> body)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in Repeated(ByteString.CopyFrom(body), 1))
        {
            ReadResourceSpans(resourceSpans, spans);
        }

        return spans;
    }

    /// <summary>ExportMetricsServiceRequest { repeated ResourceMetrics resource_metrics = 1; }: the metric names only.</summary>
    public static IReadOnlyList<OtlpMetric> DecodeMetrics(ReadOnlySpan<byte> body)
    {
        var metrics = new List<OtlpMetric>();
        foreach (var resourceMetrics in Repeated(ByteString.CopyFrom(body), 1))
        {
            // ResourceMetrics { Resource resource = 1; repeated ScopeMetrics scope_metrics = 2; }
            IReadOnlyDictionary<string, object?> resource = new Dictionary<string, object?>();
            var scopes = new List<ByteString>();
            ForEachField(resourceMetrics, (field, input) =>
            {
                switch (field)
                {
                    case 1: resource = ReadResource(input.ReadBytes()); break;
                    case 2: scopes.Add(input.ReadBytes()); break;
                    default: input.SkipLastField(); break;
                }
            });

            foreach (var scopeMetrics in scopes)
            {
                // ScopeMetrics { InstrumentationScope scope = 1; repeated Metric metrics = 2; }; Metric { string name = 1; }
                var scopeName = "";
                var names = new List<string>();
                ForEachField(scopeMetrics, (field, input) =>
                {
                    switch (field)
                    {
                        case 1: scopeName = ReadScope(input.ReadBytes()).Name; break;
                        case 2: names.Add(ReadString(input.ReadBytes(), 1) ?? ""); break;
                        default: input.SkipLastField(); break;
                    }
                });
                metrics.AddRange(names.Select(name => new OtlpMetric(name, scopeName, resource)));
            }
        }

        return metrics;
    }

    /// <summary>ResourceSpans { Resource resource = 1; repeated ScopeSpans scope_spans = 2; string schema_url = 3; }</summary>
    private static void ReadResourceSpans(ByteString bytes, List<OtlpSpan> spans)
    {
        IReadOnlyDictionary<string, object?> resource = new Dictionary<string, object?>();
        var scopeSpans = new List<ByteString>();
        ForEachField(bytes, (field, input) =>
        {
            switch (field)
            {
                case 1: resource = ReadResource(input.ReadBytes()); break;
                case 2: scopeSpans.Add(input.ReadBytes()); break;
                default: input.SkipLastField(); break;
            }
        });

        foreach (var scope in scopeSpans)
        {
            ReadScopeSpans(scope, resource, spans);
        }
    }

    /// <summary>ScopeSpans { InstrumentationScope scope = 1; repeated Span spans = 2; string schema_url = 3; }</summary>
    private static void ReadScopeSpans(ByteString bytes, IReadOnlyDictionary<string, object?> resource, List<OtlpSpan> spans)
    {
        (string Name, string? Version) scope = ("", null);
        var spanBytes = new List<ByteString>();
        ForEachField(bytes, (field, input) =>
        {
            switch (field)
            {
                case 1: scope = ReadScope(input.ReadBytes()); break;
                case 2: spanBytes.Add(input.ReadBytes()); break;
                default: input.SkipLastField(); break;
            }
        });

        spans.AddRange(spanBytes.Select(span => ReadSpan(span, scope, resource)));
    }

    /// <summary>Resource { repeated KeyValue attributes = 1; uint32 dropped_attributes_count = 2; }</summary>
    private static Dictionary<string, object?> ReadResource(ByteString bytes)
    {
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        ForEachField(bytes, (field, input) =>
        {
            if (field == 1)
            {
                AddKeyValue(attributes, input.ReadBytes());
            }
            else
            {
                input.SkipLastField();
            }
        });
        return attributes;
    }

    /// <summary>InstrumentationScope { string name = 1; string version = 2; repeated KeyValue attributes = 3; }</summary>
    private static (string Name, string? Version) ReadScope(ByteString bytes)
    {
        var name = "";
        string? version = null;
        ForEachField(bytes, (field, input) =>
        {
            switch (field)
            {
                case 1: name = input.ReadString(); break;
                case 2: version = input.ReadString(); break;
                default: input.SkipLastField(); break;
            }
        });
        return (name, string.IsNullOrEmpty(version) ? null : version);
    }

    /// <summary>
    /// Span { bytes trace_id = 1; bytes span_id = 2; string trace_state = 3; bytes parent_span_id = 4; string name = 5;
    /// SpanKind kind = 6; fixed64 start_time_unix_nano = 7; fixed64 end_time_unix_nano = 8; repeated KeyValue attributes = 9;
    /// uint32 dropped_attributes_count = 10; repeated Event events = 11; … Status status = 15; fixed32 flags = 16; }
    /// </summary>
    private static OtlpSpan ReadSpan(ByteString bytes, (string Name, string? Version) scope, IReadOnlyDictionary<string, object?> resource)
    {
        string traceId = "", spanId = "", name = "";
        string? parent = null, statusMessage = null;
        var kind = OtlpSpanKind.Unspecified;
        var status = OtlpStatusCode.Unset;
        ulong start = 0, end = 0;
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        var events = new List<OtlpEvent>();
        ForEachField(bytes, (field, input) =>
        {
            switch (field)
            {
                case 1: traceId = Hex(input.ReadBytes()); break;
                case 2: spanId = Hex(input.ReadBytes()); break;
                case 4:
                    var parentBytes = input.ReadBytes();
                    parent = parentBytes.IsEmpty ? null : Hex(parentBytes);
                    break;
                case 5: name = input.ReadString(); break;
                case 6: kind = (OtlpSpanKind)input.ReadEnum(); break;
                case 7: start = input.ReadFixed64(); break;
                case 8: end = input.ReadFixed64(); break;
                case 9: AddKeyValue(attributes, input.ReadBytes()); break;
                case 11: events.Add(ReadEvent(input.ReadBytes())); break;
                case 15:
                    (status, statusMessage) = ReadStatus(input.ReadBytes());
                    break;
                default: input.SkipLastField(); break;
            }
        });

        return new OtlpSpan(traceId, spanId, parent, name, kind, start, end, attributes, events, status, statusMessage, scope.Name, scope.Version, resource);
    }

    /// <summary>Event { fixed64 time_unix_nano = 1; string name = 2; repeated KeyValue attributes = 3; uint32 dropped_attributes_count = 4; }</summary>
    private static OtlpEvent ReadEvent(ByteString bytes)
    {
        ulong time = 0;
        var name = "";
        var attributes = new Dictionary<string, object?>(StringComparer.Ordinal);
        ForEachField(bytes, (field, input) =>
        {
            switch (field)
            {
                case 1: time = input.ReadFixed64(); break;
                case 2: name = input.ReadString(); break;
                case 3: AddKeyValue(attributes, input.ReadBytes()); break;
                default: input.SkipLastField(); break;
            }
        });
        return new OtlpEvent(name, time, attributes);
    }

    /// <summary>Status { reserved 1; string message = 2; StatusCode code = 3; }</summary>
    private static (OtlpStatusCode Code, string? Message) ReadStatus(ByteString bytes)
    {
        var code = OtlpStatusCode.Unset;
        string? message = null;
        ForEachField(bytes, (field, input) =>
        {
            switch (field)
            {
                case 2: message = input.ReadString(); break;
                case 3: code = (OtlpStatusCode)input.ReadEnum(); break;
                default: input.SkipLastField(); break;
            }
        });
        return (code, string.IsNullOrEmpty(message) ? null : message);
    }

    /// <summary>KeyValue { string key = 1; AnyValue value = 2; }</summary>
    private static void AddKeyValue(Dictionary<string, object?> attributes, ByteString bytes)
    {
        var key = "";
        object? value = null;
        ForEachField(bytes, (field, input) =>
        {
            switch (field)
            {
                case 1: key = input.ReadString(); break;
                case 2: value = ReadAnyValue(input.ReadBytes()); break;
                default: input.SkipLastField(); break;
            }
        });
        attributes[key] = value;
    }

    /// <summary>
    /// AnyValue { oneof value { string string_value = 1; bool bool_value = 2; int64 int_value = 3; double double_value = 4;
    /// ArrayValue array_value = 5; KeyValueList kvlist_value = 6; bytes bytes_value = 7; } }
    /// </summary>
    private static object? ReadAnyValue(ByteString bytes)
    {
        object? value = null;
        ForEachField(bytes, (field, input) =>
        {
            value = field switch
            {
                1 => input.ReadString(),
                2 => input.ReadBool(),
                3 => input.ReadInt64(),
                4 => input.ReadDouble(),
                5 => Repeated(input.ReadBytes(), 1).Select(ReadAnyValue).ToArray(), // ArrayValue { repeated AnyValue values = 1; }
                6 => ReadKeyValueList(input.ReadBytes()),
                7 => input.ReadBytes().ToByteArray(),
                _ => Skip(input),
            };
        });
        return value;
    }

    /// <summary>KeyValueList { repeated KeyValue values = 1; }</summary>
    private static Dictionary<string, object?> ReadKeyValueList(ByteString bytes)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var keyValue in Repeated(bytes, 1))
        {
            AddKeyValue(values, keyValue);
        }

        return values;
    }

    private static object? Skip(CodedInputStream input)
    {
        input.SkipLastField();
        return null;
    }

    private static string? ReadString(ByteString bytes, int fieldNumber)
    {
        string? value = null;
        ForEachField(bytes, (field, input) =>
        {
            if (field == fieldNumber)
            {
                value = input.ReadString();
            }
            else
            {
                input.SkipLastField();
            }
        });
        return value;
    }

    /// <summary>The length-delimited occurrences of <paramref name="fieldNumber"/> in a message.</summary>
    private static List<ByteString> Repeated(ByteString bytes, int fieldNumber)
    {
        var values = new List<ByteString>();
        ForEachField(bytes, (field, input) =>
        {
            if (field == fieldNumber)
            {
                values.Add(input.ReadBytes());
            }
            else
            {
                input.SkipLastField();
            }
        });
        return values;
    }

    /// <summary>Calls <paramref name="read"/> for each field; it must consume the field's value (read it or skip it).</summary>
    private static void ForEachField(ByteString bytes, Action<int, CodedInputStream> read)
    {
        var input = bytes.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            read(WireFormat.GetTagFieldNumber(tag), input);
        }
    }

    private static string Hex(ByteString bytes) => Convert.ToHexStringLower(bytes.Span);
}
