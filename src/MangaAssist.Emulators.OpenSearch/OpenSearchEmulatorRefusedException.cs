namespace MangaAssist.Emulators.OpenSearch;

/// <summary>The stand-in will not start where it could be mistaken for a real cluster (the Production environment).</summary>
public sealed class OpenSearchEmulatorRefusedException : InvalidOperationException
{
    public OpenSearchEmulatorRefusedException()
        : base(Explanation)
    {
    }

    public OpenSearchEmulatorRefusedException(string message)
        : base(message)
    {
    }

    public OpenSearchEmulatorRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    internal const string Explanation =
        "The OpenSearch stand-in refuses to start in the Production environment: it keeps everything in memory, has " +
        "no security and is not Lucene. Point Retrieval:OpenSearch:Endpoint at a real domain or collection instead; " +
        "for a local run set ASPNETCORE_ENVIRONMENT=Development.";
}
