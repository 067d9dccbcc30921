using System.Net.Http.Headers;
using MangaAssist.Aws.Http;

namespace MangaAssist.Aws.Bedrock;

/// <summary>Sending a Bedrock request and turning transport failures and error answers into <see cref="BedrockException"/>.</summary>
internal static class BedrockCalls
{
    public static readonly MediaTypeHeaderValue Json = new("application/json");
    public static readonly MediaTypeWithQualityHeaderValue AcceptJson = new("application/json");
    public static readonly MediaTypeWithQualityHeaderValue AcceptEventStream = new("application/vnd.amazon.eventstream");

    /// <summary>Sends and returns a successful response; any other outcome becomes a <see cref="BedrockException"/>.</summary>
    public static async ValueTask<HttpResponseMessage> SendAsync(
        SignedHttpTransport transport,
        string path,
        ReadOnlyMemory<byte> body,
        MediaTypeWithQualityHeaderValue accept,
        HttpCompletionOption completion,
        CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await transport.SendAsync(HttpMethod.Post, path, body, Json, accept, completion, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            throw BedrockErrors.ConnectionReset($"Sending the request to Bedrock Runtime failed: {exception.Message}", inStream: false, requestId: null, exception);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            AwsErrorResponse error;
            try
            {
                error = await AwsErrorResponse.ReadAsync(response, transport.Time, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
            {
                error = new AwsErrorResponse((int)response.StatusCode, null, null, AwsErrorResponse.RequestIdOf(response), AwsErrorResponse.RetryAfterOf(response, transport.Time));
            }

            throw BedrockErrors.FromHttp(error);
        }
    }

    /// <summary>
    /// A broken connection, a refused connect, a connect timeout; not the caller's own cancellation, which
    /// stays an <see cref="OperationCanceledException"/>.
    /// </summary>
    public static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested
        && exception is IOException or HttpRequestException or OperationCanceledException or System.Net.Sockets.SocketException;
}
