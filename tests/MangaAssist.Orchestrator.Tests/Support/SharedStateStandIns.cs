using MangaAssist.SharedState.Extensions;
using MangaAssist.SharedState.AnswerFlights;
using MangaAssist.SharedState.FrameLog;
using MangaAssist.SharedState.RateLimiting;
using MangaAssist.SharedState.ResponseCache;
using MangaAssist.SharedState.Sessions;
using MangaAssist.SharedState.Shoppers;
using MangaAssist.SharedState.Spend;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Tests.Support;

/// <summary>The in-memory shared state, as the service composes it without Redis, on the test's clock.</summary>
public sealed class SharedStateStandIns
{
    private readonly ServiceProvider _services;

    /// <param name="settings">Shared-state settings by configuration key, e.g. <c>SharedState:RateLimits:ConnectionMessages:Capacity</c>.</param>
    public SharedStateStandIns(TimeProvider time, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddSharedState(configuration);
        MangaAssist.SharedState.Work.WorkServiceCollectionExtensions.AddSharedWork(services, configuration);
        _services = services.BuildServiceProvider();
    }

    public IResponseCache Cache => _services.GetRequiredService<IResponseCache>();

    public IAnswerFlights Flights => _services.GetRequiredService<IAnswerFlights>();

    public ISessionMemory Sessions => _services.GetRequiredService<ISessionMemory>();

    public IFrameLog FrameLog => _services.GetRequiredService<IFrameLog>();

    public IRateLimiter Limiter => _services.GetRequiredService<IRateLimiter>();

    public ISpendWindow SpendWindow => _services.GetRequiredService<ISpendWindow>();

    public IOptions<RateLimitOptions> RateLimits => _services.GetRequiredService<IOptions<RateLimitOptions>>();

    public IShopperDataEraser Eraser => _services.GetRequiredService<IShopperDataEraser>();

    public MangaAssist.SharedState.Jobs.IJobStore Jobs => _services.GetRequiredService<MangaAssist.SharedState.Jobs.IJobStore>();

    public IForgetAnnouncements ForgetAnnouncements => _services.GetRequiredService<IForgetAnnouncements>();
}
