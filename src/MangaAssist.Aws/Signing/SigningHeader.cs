namespace MangaAssist.Aws.Signing;

/// <summary>A header that takes part in the signature, as the request will carry it.</summary>
internal readonly record struct SigningHeader(string Name, string Value);
