namespace MangaAssist.ServiceDefaults.Configuration;

/// <summary>A rule DataAnnotations cannot express (across fields, against a list of names…); it reports through <paramref name="problems"/>.</summary>
public delegate void OptionsCheck<in TOptions>(TOptions options, OptionsProblems problems);
