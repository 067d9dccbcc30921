using MangaAssist.Emulators.ApiGateway;

await ApiGatewayEmulatorApp.Create(args).RunAsync();
