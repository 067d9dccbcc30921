using MangaAssist.Emulators.TokenIssuer;

try
{
    await TokenIssuerApp.Create(args).RunAsync();
    return 0;
}
catch (TokenIssuerRefusedException refused)
{
    // A plain sentence, not a stack trace: the operator needs to know what to change, nothing else.
    await Console.Error.WriteLineAsync(refused.Message);
    return 1;
}
