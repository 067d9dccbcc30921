namespace MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;

/// <summary>Builds @connections requests with an Authorization header of SigV4's shape (the emulator cannot verify signatures).</summary>
internal static class ManagementRequests
{
    public const string SignedShape =
        "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261121/us-east-1/execute-api/aws4_request, " +
        "SignedHeaders=host;x-amz-date, Signature=5d672d79c15b13162d9279b0855cfba6789a8edb4c82c400e06b5924a6f2b5d7";

    public static HttpRequestMessage Create(HttpMethod method, string path, byte[]? body = null, bool signed = true)
    {
        var request = new HttpRequestMessage(method, path);
        if (signed)
        {
            request.Headers.TryAddWithoutValidation("Authorization", SignedShape);
            request.Headers.TryAddWithoutValidation("X-Amz-Date", "20261121T120000Z");
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
        }

        return request;
    }
}
