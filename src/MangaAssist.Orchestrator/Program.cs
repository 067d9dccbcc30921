using MangaAssist.Orchestrator;

await OrchestratorApp.Create(args).RunAsync();
