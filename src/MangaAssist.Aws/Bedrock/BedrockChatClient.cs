using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MangaAssist.Aws.EventStreams;
using MangaAssist.Aws.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace MangaAssist.Aws.Bedrock;

/// <summary>
/// <see cref="IChatClient"/> over the Bedrock Runtime Converse API: ConverseStream for streaming, Converse otherwise.
/// Failures surface as <see cref="BedrockException"/>; the caller's cancellation as <see cref="OperationCanceledException"/>.
/// </summary>
internal sealed class BedrockChatClient : IChatClient
{
    private readonly SignedHttpTransport _transport;
    private readonly string _defaultModelId;
    private readonly ILogger _logger;
    private readonly ChatClientMetadata _metadata;

    public BedrockChatClient(SignedHttpTransport transport, string defaultModelId, ILogger<BedrockChatClient> logger)
    {
        _transport = transport;
        _defaultModelId = defaultModelId;
        _logger = logger;
        _metadata = new ChatClientMetadata("aws.bedrock", transport.Endpoint.BaseAddress, defaultModelId);
    }

    public async Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var modelId = options?.ModelId ?? _defaultModelId;
        using var body = WriteBody(messages, options, streaming: false);
        try
        {
            using var response = await BedrockCalls.SendAsync(_transport, BedrockRuntimePaths.Converse(modelId), body.WrittenMemory, BedrockCalls.AcceptJson, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            var requestId = AwsErrorResponse.RequestIdOf(response);
            Log.CallStarted(_logger, "Converse", modelId, requestId);
            byte[] json;
            try
            {
                json = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (BedrockCalls.IsTransportFailure(exception, cancellationToken))
            {
                throw BedrockErrors.ConnectionReset("The Converse response body broke off: " + exception.Message, inStream: true, requestId, exception);
            }

            return ConverseResponseReader.Read(json, modelId, requestId, _transport.Time.GetUtcNow());
        }
        catch (BedrockException exception)
        {
            Log.CallFailed(_logger, "Converse", exception.Kind, exception.StatusCode, exception.AwsErrorType, exception.InStream, exception.IsRetryable, modelId, exception.RequestId);
            throw;
        }
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var modelId = options?.ModelId ?? _defaultModelId;
        using var body = WriteBody(messages, options, streaming: true);

        HttpResponseMessage response;
        try
        {
            response = await BedrockCalls.SendAsync(_transport, BedrockRuntimePaths.ConverseStream(modelId), body.WrittenMemory, BedrockCalls.AcceptEventStream, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (BedrockException exception)
        {
            Log.CallFailed(_logger, "ConverseStream", exception.Kind, exception.StatusCode, exception.AwsErrorType, exception.InStream, exception.IsRetryable, modelId, exception.RequestId);
            throw;
        }

        using (response)
        {
            var state = new ConverseStreamState(modelId, AwsErrorResponse.RequestIdOf(response), _transport.Time.GetUtcNow());
            Log.CallStarted(_logger, "ConverseStream", modelId, state.RequestId);
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            using var pacer = BedrockRequestExtras.Get<IStreamReadPacing>(options, BedrockRequestExtras.ReadPacing)?.StartStream();
            using var reader = new EventStreamReader(stream, pacer);
            while (true)
            {
                ChatResponseUpdate? update;
                try
                {
                    if (!await reader.MoveNextAsync(cancellationToken).ConfigureAwait(false))
                    {
                        break;
                    }

                    update = ReadFrame(reader.Current, state);
                    if (state.StopReason is not null)
                    {
                        // After messageStop only the metadata event and the end of the body follow, at once.
                        reader.EndPacing();
                    }
                }
                catch (BedrockException exception)
                {
                    Log.CallFailed(_logger, "ConverseStream", exception.Kind, exception.StatusCode, exception.AwsErrorType, exception.InStream, exception.IsRetryable, modelId, exception.RequestId);
                    throw;
                }
                catch (EndOfStreamException exception) when (!cancellationToken.IsCancellationRequested)
                {
                    // The body ended as HTTP allows, but inside a frame: an incomplete answer, not a broken connection.
                    var truncated = BedrockErrors.Truncated("The Bedrock stream ended inside an event: " + exception.Message, state.RequestId, exception);
                    Log.CallFailed(_logger, "ConverseStream", truncated.Kind, null, null, true, true, modelId, state.RequestId);
                    throw truncated;
                }
                catch (Exception exception) when (exception is not OperationCanceledException && cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException("The Bedrock stream was cancelled.", exception, cancellationToken);
                }
                catch (Exception exception) when (BedrockCalls.IsTransportFailure(exception, cancellationToken))
                {
                    var reset = BedrockErrors.ConnectionReset("The Bedrock stream broke off: " + exception.Message, inStream: true, state.RequestId, exception);
                    Log.CallFailed(_logger, "ConverseStream", reset.Kind, null, null, true, true, modelId, state.RequestId);
                    throw reset;
                }
                catch (InvalidDataException exception)
                {
                    var corrupt = BedrockErrors.CorruptStream(state.RequestId, exception);
                    Log.CallFailed(_logger, "ConverseStream", corrupt.Kind, null, null, true, corrupt.IsRetryable, modelId, state.RequestId);
                    throw corrupt;
                }

                if (update is not null)
                {
                    yield return update;
                }
            }

            if (state.StopReason is null)
            {
                var truncated = BedrockErrors.Truncated("The Bedrock stream ended before messageStop.", state.RequestId, inner: null);
                Log.CallFailed(_logger, "ConverseStream", truncated.Kind, null, null, true, true, modelId, state.RequestId);
                throw truncated;
            }

            Log.StreamFinished(_logger, modelId, state.RequestId, state.StopReason, state.Deltas, state.InputTokens, state.OutputTokens);
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return _metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    // The transport (and its HttpClient) is shared with the embedding generator and owned by the container.
    public void Dispose()
    {
    }

    private static ChatResponseUpdate? ReadFrame(in EventStreamFrame frame, ConverseStreamState state)
    {
        try
        {
            return ConverseStreamEvents.Read(frame, state);
        }
        catch (JsonException exception)
        {
            throw BedrockErrors.CorruptStream(state.RequestId, new InvalidDataException(exception.Message, exception));
        }
    }

    private static PooledBufferWriter WriteBody(IEnumerable<ChatMessage> messages, ChatOptions? options, bool streaming)
    {
        // Grounded prompts are 5–20 KB of JSON; starting there saves most regrowth.
        var body = new PooledBufferWriter(16 * 1024);
        ConverseRequestWriter.Write(body, messages, options, streaming);
        return body;
    }
}
