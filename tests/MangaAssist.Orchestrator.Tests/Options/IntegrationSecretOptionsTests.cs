using System.Collections.Concurrent;
using MangaAssist.Orchestrator.Apis;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Options;

/// <summary>Gateway:IntegrationSecret: required outside Development, at least 32 characters, never printed.</summary>
public sealed class IntegrationSecretOptionsTests
{
    private const string GoodSecret = "k3Yq-9vZp_TqL0aR7mWc2xNe5bHs8uJd";

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public async Task Outside_development_without_a_secret_start_up_fails_naming_the_key(string environment)
    {
        await using var app = OrchestratorApp.Create([$"--environment={environment}"]);

        var failures = GatewayFailures(app);

        failures.ShouldHaveSingleItem().ShouldStartWith("Gateway:IntegrationSecret: is required outside the Development environment");
    }

    [Fact]
    public async Task Outside_development_with_a_secret_start_up_passes()
    {
        await using var app = OrchestratorApp.Create(["--environment=Production", $"--Gateway:IntegrationSecret={GoodSecret}"]);

        GatewayFailures(app).ShouldBeEmpty();
        app.Services.GetRequiredService<IntegrationDoor>().IsClosed.ShouldBeTrue();
    }

    [Fact]
    public async Task A_secret_shorter_than_32_characters_fails_without_printing_it()
    {
        const string shortSecret = "only-twenty-nine-characters-x";
        await using var app = OrchestratorApp.Create(["--environment=Production", $"--Gateway:IntegrationSecret={shortSecret}"]);

        var failure = GatewayFailures(app).ShouldHaveSingleItem();

        failure.ShouldStartWith("Gateway:IntegrationSecret: ");
        failure.ShouldNotContain(shortSecret);
    }

    [Fact]
    public async Task In_development_without_a_secret_the_door_is_open_and_start_up_says_so_once()
    {
        var logs = new WarningCapture();
        await using var app = OrchestratorApp.Create(["--environment=Development"], builder => builder.Logging.AddProvider(logs));

        GatewayFailures(app).ShouldBeEmpty();
        app.Services.GetRequiredService<IntegrationDoor>().IsClosed.ShouldBeFalse();
        foreach (var notice in app.Services.GetServices<IHostedService>().OfType<IntegrationDoorNotice>())
        {
            await notice.StartAsync(CancellationToken.None);
        }

        logs.Warnings.ShouldHaveSingleItem().ShouldContain("the integration door is open");
    }

    private static IReadOnlyList<string> GatewayFailures(WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<IStartupValidator>().Validate();
            return [];
        }
        catch (OptionsValidationException failure)
        {
            return [.. failure.Failures.Where(f => f.StartsWith("Gateway:", StringComparison.Ordinal))];
        }
        catch (AggregateException failures)
        {
            return [.. failures.InnerExceptions.OfType<OptionsValidationException>().SelectMany(f => f.Failures).Where(f => f.StartsWith("Gateway:", StringComparison.Ordinal))];
        }
    }

    private sealed class WarningCapture : ILoggerProvider
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Capture(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Capture(WarningCapture owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (logLevel >= LogLevel.Warning && category.Contains("IntegrationDoor", StringComparison.Ordinal))
                {
                    owner.Warnings.Enqueue(formatter(state, exception));
                }
            }
        }
    }
}
