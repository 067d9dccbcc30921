using MangaAssist.Aws.Bedrock;
using MangaAssist.ServiceDefaults.ApiGateway;
using MangaAssist.ServiceDefaults.Configuration;
using Microsoft.Extensions.Options;

namespace MangaAssist.Orchestrator.Options;

/// <summary>The service's option rules that DataAnnotations cannot express: across fields, across sections, against the environment.</summary>
public static class OrchestratorOptionsChecks
{
    public static void Routes(ChatRoutesOptions options, OptionsProblems problems)
    {
        TotalNotShorterThanFirstToken(nameof(options.SendMessage), options.SendMessage, problems);
        TotalNotShorterThanFirstToken(nameof(options.Analyze), options.Analyze, problems);
        RouteBedrockChecks.Check(nameof(options.SendMessage), options.SendMessage.Bedrock, problems);
        RouteBedrockChecks.Check(nameof(options.Analyze), options.Analyze.Bedrock, problems);
    }

    public static void Resilience(ResilienceOptions options, OptionsProblems problems)
    {
        if (options.RetryMaxDelay < options.RetryBaseDelay)
        {
            problems.Add(nameof(options.RetryMaxDelay), $"must not be shorter than RetryBaseDelay ({options.RetryBaseDelay}) (was {options.RetryMaxDelay}).");
        }
    }

    public static void Capacity(CapacityOptions options, OptionsProblems problems)
    {
        // A request still queued when API Gateway gives up on the integration would be answered to nobody.
        if (options.MaxQueueWait > ApiGatewayQuotas.IntegrationTimeout)
        {
            problems.Add(nameof(options.MaxQueueWait), $"must not exceed API Gateway's integration timeout ({ApiGatewayQuotas.IntegrationTimeout}) (was {options.MaxQueueWait}).");
        }
    }

    /// <summary>
    /// Each Bedrock stream holds one pooled HTTP/1.1 connection for its whole answer, so the pool must be at least as
    /// large as the number of streams admitted; otherwise streams queue inside the HTTP handler, invisible to the
    /// admission queue and its <c>busy</c> answer.
    /// </summary>
    public static void PoolSizing(CapacityOptions options, IOptions<BedrockRuntimeOptions> bedrock, OptionsProblems problems)
    {
        ArgumentNullException.ThrowIfNull(bedrock);
        if (options.MaxConcurrentStreams > bedrock.Value.MaxConnections)
        {
            problems.Add(
                nameof(options.MaxConcurrentStreams),
                $"{options.MaxConcurrentStreams} exceeds Bedrock:MaxConnections ({bedrock.Value.MaxConnections}): " +
                "raise Bedrock:MaxConnections or lower Capacity:MaxConcurrentStreams, or streams will wait for a connection.");
        }
    }

    public static void NoDebugInProduction(HygieneOptions options, IHostEnvironment environment, OptionsProblems problems)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (options.AllowDebug && environment.IsProduction())
        {
            problems.Add(nameof(options.AllowDebug), "must not be enabled in the Production environment: debug fields, prompts and context would reach clients.");
        }
    }

    /// <summary>Outside Development an open door would let anything that reaches the port post as any connection.</summary>
    public static void SecretOutsideDevelopment(GatewayOptions options, IHostEnvironment environment, OptionsProblems problems)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (options.IntegrationSecret is null && !environment.IsDevelopment())
        {
            problems.Add(nameof(options.IntegrationSecret),
                $"is required outside the Development environment (it is {environment.EnvironmentName}): set it to the secret the API Gateway integration sends in X-MangaAssist-Integration-Secret (at least {GatewayOptions.MinimumSecretLength} characters).");
        }
    }

    private static void TotalNotShorterThanFirstToken(string route, ChatRouteOptions options, OptionsProblems problems)
    {
        if (options.TotalTimeout < options.FirstTokenTimeout)
        {
            problems.Add($"{route}:{nameof(options.TotalTimeout)}", $"({options.TotalTimeout}) must not be shorter than FirstTokenTimeout ({options.FirstTokenTimeout}).");
        }
    }
}
