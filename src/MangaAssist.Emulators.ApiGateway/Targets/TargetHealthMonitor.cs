using MangaAssist.Emulators.ApiGateway.Configuration;
using Microsoft.Extensions.Options;

namespace MangaAssist.Emulators.ApiGateway.Targets;

/// <summary>
/// Checks every target's health path each interval (GET, 2xx within the timeout passes), as an ALB target group
/// does; runs only when <see cref="TargetHealthOptions.Path"/> is set.
/// </summary>
internal sealed class TargetHealthMonitor(TargetGroup group, IOptions<ApiGatewayEmulatorOptions> options, TimeProvider timeProvider) : BackgroundService
{
    private readonly TargetHealthOptions _health = options.Value.TargetHealth;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_health.Enabled)
        {
            return;
        }

        // Its own client: a check must never queue behind integration calls on the pooled connections.
        using var http = new HttpClient(new SocketsHttpHandler { ConnectTimeout = _health.Timeout, UseCookies = false, AllowAutoRedirect = false })
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await Task.WhenAll(group.All.Select(target => CheckAsync(http, target, stoppingToken)));
                await Task.Delay(_health.Interval, timeProvider, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The gateway is stopping.
        }
    }

    private async Task CheckAsync(HttpClient http, Target target, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(_health.Timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, stoppingToken);
        try
        {
            using var response = await http.GetAsync(new Uri(target.BaseUrl + _health.Path), HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (response.IsSuccessStatusCode)
            {
                group.Passed(target);
            }
            else
            {
                group.Failed(target, $"health check answered {(int)response.StatusCode}");
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            group.Failed(target, "health check timed out");
        }
        catch (HttpRequestException exception)
        {
            group.Failed(target, $"health check failed: {exception.HttpRequestError}");
        }
    }
}
