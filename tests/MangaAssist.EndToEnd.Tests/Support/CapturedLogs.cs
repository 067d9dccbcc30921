using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MangaAssist.EndToEnd.Tests.Support;

/// <summary>Every log line of an in-process service, with its structured state, for tests that read the logs.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<CapturedLine> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    public sealed record CapturedLine(string Category, LogLevel Level, int EventId, string Message, IReadOnlyDictionary<string, string?> State)
    {
        /// <summary>Everything the line carries, as a sink would write it.</summary>
        public string Everything => $"{Category} {Message} {string.Join(' ', State.Select(kv => $"{kv.Key}={kv.Value}"))}";
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString())
                : [];
            owner.Lines.Enqueue(new CapturedLine(category, logLevel, eventId.Id, formatter(state, exception) + (exception is null ? "" : " " + exception), values));
        }
    }
}
