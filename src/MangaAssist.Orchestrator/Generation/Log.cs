namespace MangaAssist.Orchestrator.Generation;

/// <summary>The model call's log lines: retries, the retry budget and circuits.</summary>
internal static partial class Log
{
    [LoggerMessage(1500, LogLevel.Information, "Bedrock call to {Model} failed ({Reason}); attempt {NextAttempt} on {NextModel} in {DelayMs:F0} ms (continuation {Continuation})")]
    public static partial void Retrying(ILogger logger, string model, string reason, string nextModel, int nextAttempt, double delayMs, bool continuation);

    [LoggerMessage(1501, LogLevel.Warning, "Retry budget exhausted ({Available} tokens left): {Model} failed ({Reason}) and is not retried")]
    public static partial void RetryBudgetExhausted(ILogger logger, string model, string reason, int available);

    [LoggerMessage(1502, LogLevel.Error, "Circuit for model {Model} opened for {BreakSeconds:F0} s after {Reason}; its calls go to the next model of each route")]
    public static partial void CircuitOpened(ILogger logger, string model, double breakSeconds, string? reason);

    [LoggerMessage(1503, LogLevel.Information, "Circuit for model {Model} half-open: one trial call is let through")]
    public static partial void CircuitHalfOpened(ILogger logger, string model);

    [LoggerMessage(1504, LogLevel.Information, "Circuit for model {Model} closed: the model answers again")]
    public static partial void CircuitClosed(ILogger logger, string model);

    [LoggerMessage(1505, LogLevel.Information, "No first token from {Model} yet: hedging on {NextModel} (attempt {Attempt}); the first to answer is kept")]
    public static partial void Hedging(ILogger logger, string model, string nextModel, int attempt);

    [LoggerMessage(1506, LogLevel.Warning, "{Model} found the prompt too long: trimmed {HistoryTurns} history turns and {Passages} passages to try once more")]
    public static partial void PromptTrimmed(ILogger logger, string model, int historyTurns, int passages);
}
