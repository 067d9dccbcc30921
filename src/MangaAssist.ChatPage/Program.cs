using MangaAssist.LocalEdge.Stack.Page;

// The chat page for a topology started elsewhere (the app host): where to listen comes from ASPNETCORE_URLS, the
// gateway and token endpoint the page talks to from ChatPage__GatewayUrl and ChatPage__TokenEndpoint.
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
var listen = (configuration["ASPNETCORE_URLS"] ?? configuration["urls"] ?? "http://127.0.0.1:8081")
    .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[0];
var settings = new ChatPageSettings(
    RequiredUri(configuration, "ChatPage:GatewayUrl"),
    RequiredUri(configuration, "ChatPage:TokenEndpoint"),
    ChatPageSettings.StoreLinkHosts);

await using var app = ChatPageSite.Create(new Uri(listen), settings);
await app.RunAsync();

static Uri RequiredUri(IConfiguration configuration, string key) =>
    Uri.TryCreate(configuration[key], UriKind.Absolute, out var uri)
        ? uri
        : throw new InvalidOperationException($"{key} must be an absolute URL (the app host sets it).");
