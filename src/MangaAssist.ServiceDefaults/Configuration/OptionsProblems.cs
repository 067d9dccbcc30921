namespace MangaAssist.ServiceDefaults.Configuration;

/// <summary>The problems found in one options section, each named by its full configuration key.</summary>
public sealed class OptionsProblems
{
    private readonly List<string> _failures = [];

    public OptionsProblems(string section) => Section = section;

    /// <summary>The configuration path of the options, for example <c>Bedrock</c> or <c>SharedState:FrameLog</c>.</summary>
    public string Section { get; }

    public IReadOnlyList<string> Failures => _failures;

    /// <summary>Records <paramref name="message"/> against <c>Section:key</c>; put the bad value in the message unless it is a secret.</summary>
    public void Add(string key, string message) => AddAtKey(KeyOf(key), message);

    internal void AddAtKey(string fullKey, string message) => _failures.Add($"{fullKey}: {message}");

    /// <summary>The full configuration key of a member of this section.</summary>
    public string KeyOf(string key) =>
        Section.Length == 0 ? key : key.Length == 0 ? Section : $"{Section}:{key}";
}
