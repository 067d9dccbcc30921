using MangaAssist.Emulators.Bedrock;

await BedrockEmulatorApp.Create(args).RunAsync();
