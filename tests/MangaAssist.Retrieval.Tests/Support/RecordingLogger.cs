using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MangaAssist.Retrieval.Tests.Support;

/// <summary>A logger (and provider) that keeps every entry's event id, structured values and the state of the world when it was written.</summary>
public sealed class RecordingLogger : ILoggerProvider, ILogger
{
    public sealed record Entry(int EventId, LogLevel Level, IReadOnlyDictionary<string, object?> Values, bool FlagWhenLogged);

    /// <summary>Read as each entry is written (e.g. whether retrieval was ready yet).</summary>
    public Func<bool>? Flag { get; set; }

    public ConcurrentQueue<Entry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var values = state is IReadOnlyList<KeyValuePair<string, object?>> pairs ? pairs.ToDictionary(p => p.Key, p => p.Value) : [];
        Entries.Enqueue(new Entry(eventId.Id, logLevel, values, Flag?.Invoke() ?? false));
    }

    public void Dispose()
    {
    }
}
