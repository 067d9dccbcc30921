namespace MangaAssist.Aws.Signing;

/// <summary>Intermediate SigV4 values, captured only when a caller (a test) asks for them.</summary>
internal sealed class SigV4Trace
{
    public string CanonicalRequest { get; set; } = "";

    public string StringToSign { get; set; } = "";

    public string Signature { get; set; } = "";
}
