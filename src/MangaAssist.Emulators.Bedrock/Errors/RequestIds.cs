namespace MangaAssist.Emulators.Bedrock.Errors;

/// <summary>Gives every response an <c>x-amzn-RequestId</c>, as Bedrock does, and returns it.</summary>
internal static class RequestIds
{
    public const string HeaderName = "x-amzn-RequestId";

    public static string Ensure(HttpContext context)
    {
        if (context.Items.TryGetValue(HeaderName, out var existing) && existing is string id)
        {
            return id;
        }

        id = Guid.NewGuid().ToString();
        context.Items[HeaderName] = id;
        if (!context.Response.HasStarted)
        {
            context.Response.Headers[HeaderName] = id;
        }

        return id;
    }
}
