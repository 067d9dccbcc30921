namespace MangaAssist.Emulators.ApiGateway.Management;

/// <summary>Reads a request body into memory, refusing bodies over a limit without buffering them whole.</summary>
internal static class RequestBody
{
    /// <summary>The body, or null when it is longer than <paramref name="limit"/> bytes.</summary>
    public static async Task<byte[]?> ReadUpToAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        var buffer = new MemoryStream(capacity: (int)Math.Min(request.ContentLength ?? 4096, limit));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
