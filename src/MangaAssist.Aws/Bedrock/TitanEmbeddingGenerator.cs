using System.Buffers;
using System.Text.Json;
using MangaAssist.Aws.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MangaAssist.Aws.Bedrock;

/// <summary>
/// Titan Text Embeddings V2 over InvokeModel: one request per input
/// (<c>{"inputText","dimensions","normalize":true}</c> → <c>{"embedding":[…],"inputTextTokenCount":n}</c>).
/// </summary>
internal sealed class TitanEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly SignedHttpTransport _transport;
    private readonly string _defaultModelId;
    private readonly int _defaultDimensions;
    private readonly ILogger _logger;
    private readonly EmbeddingGeneratorMetadata _metadata;

    public TitanEmbeddingGenerator(SignedHttpTransport transport, string defaultModelId, int defaultDimensions, ILogger<TitanEmbeddingGenerator> logger)
    {
        _transport = transport;
        _defaultModelId = defaultModelId;
        _defaultDimensions = defaultDimensions;
        _logger = logger;
        _metadata = new EmbeddingGeneratorMetadata("aws.bedrock", transport.Endpoint.BaseAddress, defaultModelId, defaultDimensions);
    }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        var modelId = options?.ModelId ?? _defaultModelId;
        var dimensions = options?.Dimensions ?? _defaultDimensions;
        var path = BedrockRuntimePaths.Invoke(modelId);
        var embeddings = new GeneratedEmbeddings<Embedding<float>>();
        long inputTokens = 0;

        foreach (var value in values)
        {
            var body = new ArrayBufferWriter<byte>(value.Length + 64);
            using (var writer = new Utf8JsonWriter(body, BedrockRequestJson.WriterOptions))
            {
                writer.WriteStartObject();
                writer.WriteString("inputText"u8, value);
                writer.WriteNumber("dimensions"u8, dimensions);
                writer.WriteBoolean("normalize"u8, true);
                writer.WriteEndObject();
            }

            try
            {
                using var response = await BedrockCalls.SendAsync(_transport, path, body.WrittenMemory, BedrockCalls.AcceptJson, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
                var requestId = AwsErrorResponse.RequestIdOf(response);
                byte[] json;
                try
                {
                    json = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (BedrockCalls.IsTransportFailure(exception, cancellationToken))
                {
                    throw BedrockErrors.ConnectionReset("The InvokeModel response body broke off: " + exception.Message, inStream: true, requestId, exception);
                }

                var (vector, tokens) = ReadResponse(json, requestId);
                inputTokens += tokens;
                embeddings.Add(new Embedding<float>(vector) { ModelId = modelId, CreatedAt = _transport.Time.GetUtcNow() });
            }
            catch (BedrockException exception)
            {
                Log.CallFailed(_logger, "InvokeModel", exception.Kind, exception.StatusCode, exception.AwsErrorType, exception.InStream, exception.IsRetryable, modelId, exception.RequestId);
                throw;
            }
        }

        embeddings.Usage = new UsageDetails { InputTokenCount = inputTokens, TotalTokenCount = inputTokens };
        return embeddings;
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(EmbeddingGeneratorMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    // The transport is shared with the chat client and owned by the container.
    public void Dispose()
    {
    }

    private static (float[] Vector, long InputTokens) ReadResponse(ReadOnlySpan<byte> json, string? requestId)
    {
        try
        {
            float[]? vector = null;
            long tokens = 0;
            var reader = new Utf8JsonReader(json);
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("embedding"u8))
                {
                    reader.Read();
                    var values = new List<float>(1024);
                    while (reader.Read() && reader.TokenType == JsonTokenType.Number)
                    {
                        values.Add(reader.GetSingle());
                    }

                    vector = values.ToArray();
                }
                else if (reader.ValueTextEquals("inputTextTokenCount"u8))
                {
                    reader.Read();
                    tokens = reader.GetInt64();
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            return vector is not null
                ? (vector, tokens)
                : throw new BedrockException(BedrockErrorKind.Unknown, "The InvokeModel answer has no 'embedding'.", 200, requestId: requestId);
        }
        catch (JsonException exception)
        {
            throw new BedrockException(BedrockErrorKind.Unknown, "Bedrock Runtime sent an unreadable InvokeModel answer: " + exception.Message, 200, requestId: requestId, innerException: exception);
        }
    }
}
