using System.Collections.Concurrent;
using MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MangaAssist.Emulators.ApiGateway.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server standing in for the orchestrator service: it records every integration request
/// and answers with the configured status, body and gate per path (200 and an empty body by default).
/// </summary>
internal sealed class RecordingBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<RecordedCall> _calls = [];
    private readonly List<(Func<RecordedCall, bool> Predicate, int Count, TaskCompletionSource<IReadOnlyList<RecordedCall>> Done)> _waiters = [];
    private readonly ConcurrentDictionary<string, BackendBehaviour> _behaviours = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    private RecordingBackend(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<RecordingBackend> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var backend = new RecordingBackend(app);
        app.Map("/{**path}", backend.HandleAsync);
        await app.StartAsync();
        backend.BaseUrl = app.Urls.First();
        return backend;
    }

    public IReadOnlyList<RecordedCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return _calls.ToArray();
            }
        }
    }

    public void Answer(string path, BackendBehaviour behaviour) => _behaviours[path] = behaviour;

    /// <summary>Completes once <paramref name="count"/> recorded calls (past or future) match.</summary>
    public async Task<IReadOnlyList<RecordedCall>> WaitForCallsAsync(Func<RecordedCall, bool> predicate, int count = 1)
    {
        Task<IReadOnlyList<RecordedCall>> done;
        lock (_gate)
        {
            var matches = _calls.Where(predicate).ToArray();
            if (matches.Length >= count)
            {
                return matches;
            }

            var waiter = new TaskCompletionSource<IReadOnlyList<RecordedCall>>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((predicate, count, waiter));
            done = waiter.Task;
        }

        try
        {
            return await done.Bounded();
        }
        catch (TimeoutException)
        {
            var seen = string.Join("; ", Calls.Select(c => $"{c.Path} {c.RouteKey} {c.BodyText}"));
            throw new TimeoutException($"Expected {count} matching integration call(s); the backend saw: [{seen}]");
        }
    }

    public Task<RecordedCall> WaitForCallAsync(Func<RecordedCall, bool> predicate) =>
        WaitForCallsAsync(predicate).ContinueWith(t => t.Result[0], TaskScheduler.Default);

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var call = new RecordedCall(
            context.Request.Path.Value ?? "",
            context.Request.QueryString.Value ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body.ToArray());
        Record(call);

        var behaviour = _behaviours.GetValueOrDefault(call.Path) ?? new BackendBehaviour();
        if (behaviour.Gate is { } gate)
        {
            await gate.WaitAsync(context.RequestAborted);
        }

        context.Response.StatusCode = behaviour.Status;
        if (behaviour.Body.Length > 0)
        {
            await context.Response.WriteAsync(behaviour.Body, context.RequestAborted);
        }
    }

    private void Record(RecordedCall call)
    {
        lock (_gate)
        {
            _calls.Add(call);
            foreach (var waiter in _waiters.ToArray())
            {
                var matches = _calls.Where(waiter.Predicate).ToArray();
                if (matches.Length >= waiter.Count)
                {
                    _waiters.Remove(waiter);
                    waiter.Done.TrySetResult(matches);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
