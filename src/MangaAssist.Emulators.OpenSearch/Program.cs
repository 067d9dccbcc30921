using MangaAssist.Emulators.OpenSearch;

try
{
    await OpenSearchEmulatorApp.Create(args).RunAsync();
    return 0;
}
catch (OpenSearchEmulatorRefusedException refused)
{
    // A plain sentence, not a stack trace: the operator needs to know what to change, nothing else.
    await Console.Error.WriteLineAsync(refused.Message);
    return 1;
}
