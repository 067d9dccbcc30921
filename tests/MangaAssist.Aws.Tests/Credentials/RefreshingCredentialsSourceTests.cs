using MangaAssist.Aws.Credentials;
using MangaAssist.Aws.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Shouldly;
using Xunit;

namespace MangaAssist.Aws.Tests.Credentials;

public sealed class RefreshingCredentialsSourceTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task CredentialsAreResolvedOnceAndThenServedFromMemory()
    {
        using var resolver = new ScriptedResolver();
        resolver.Next(Credentials("first", Start.AddHours(1)));
        var source = CreateSut(resolver, new FakeTimeProvider(Start));

        var first = await source.GetCredentialsAsync(CancellationToken.None);
        var again = source.GetCredentialsAsync(CancellationToken.None);

        first.AccessKeyId.ShouldBe("first");
        again.IsCompletedSuccessfully.ShouldBeTrue();
        (await again).ShouldBeSameAs(first);
        resolver.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task NearExpiryTheOldCredentialsAreServedAtOnceWhileARefreshRunsInTheBackground()
    {
        var time = new FakeTimeProvider(Start);
        using var resolver = new ScriptedResolver();
        resolver.Next(Credentials("old", Start.AddMinutes(30)));
        var source = CreateSut(resolver, time);
        await source.GetCredentialsAsync(CancellationToken.None);
        var pending = resolver.NextPending();

        time.Advance(TimeSpan.FromMinutes(26));
        var during = source.GetCredentialsAsync(CancellationToken.None);

        during.IsCompletedSuccessfully.ShouldBeTrue();
        (await during).AccessKeyId.ShouldBe("old");
        await resolver.WaitForCallsAsync(2);
        pending.SetResult(Credentials("new", Start.AddHours(2)));
        await source.LastRefresh;
        (await source.GetCredentialsAsync(CancellationToken.None)).AccessKeyId.ShouldBe("new");
        resolver.Calls.ShouldBe(2);
    }

    [Fact]
    public async Task AFailedBackgroundRefreshKeepsTheCurrentCredentials()
    {
        var time = new FakeTimeProvider(Start);
        using var resolver = new ScriptedResolver();
        resolver.Next(Credentials("current", Start.AddMinutes(30)));
        var source = CreateSut(resolver, time);
        await source.GetCredentialsAsync(CancellationToken.None);
        var failing = resolver.NextPending();

        time.Advance(TimeSpan.FromMinutes(26));
        (await source.GetCredentialsAsync(CancellationToken.None)).AccessKeyId.ShouldBe("current");
        await resolver.WaitForCallsAsync(2);
        failing.SetException(new InvalidOperationException("container credentials endpoint unreachable"));
        await source.LastRefresh;

        (await source.GetCredentialsAsync(CancellationToken.None)).AccessKeyId.ShouldBe("current");
    }

    [Fact]
    public async Task ExpiredCredentialsAreNeverHandedOut()
    {
        var time = new FakeTimeProvider(Start);
        using var resolver = new ScriptedResolver();
        resolver.Next(Credentials("short-lived", Start.AddMinutes(10)));
        resolver.Next(Credentials("renewed", Start.AddHours(1)));
        var source = CreateSut(resolver, time);
        await source.GetCredentialsAsync(CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(10));
        var renewed = await source.GetCredentialsAsync(CancellationToken.None);

        renewed.AccessKeyId.ShouldBe("renewed");
    }

    [Fact]
    public async Task ConcurrentFirstCallersShareOneResolution()
    {
        using var resolver = new ScriptedResolver();
        var pending = resolver.NextPending();
        var source = CreateSut(resolver, new FakeTimeProvider(Start));

        var callers = Enumerable.Range(0, 10).Select(_ => source.GetCredentialsAsync(CancellationToken.None).AsTask()).ToArray();
        await resolver.WaitForCallsAsync(1);
        pending.SetResult(Credentials("shared", Start.AddHours(1)));
        var results = await Task.WhenAll(callers);

        results.ShouldAllBe(c => c.AccessKeyId == "shared");
        resolver.Calls.ShouldBe(1);
    }

    [Fact]
    public async Task TheStaticSourceHandsOutTheConfiguredKeys()
    {
        var configured = new AwsCredentials("AKIDLOCAL", "secret", null);

        var credentials = await new StaticCredentialsSource(configured).GetCredentialsAsync(CancellationToken.None);

        credentials.ShouldBeSameAs(configured);
    }

    private static RefreshingCredentialsSource CreateSut(ScriptedResolver resolver, TimeProvider time) =>
        new(resolver, time, NullLogger<RefreshingCredentialsSource>.Instance);

    private static AwsCredentials Credentials(string keyId, DateTimeOffset expiration) => new(keyId, "secret-" + keyId, "token-" + keyId, expiration);

    /// <summary>A resolver whose answers the test hands out one by one.</summary>
    private sealed class ScriptedResolver : ICredentialsResolver, IDisposable
    {
        private readonly Queue<TaskCompletionSource<AwsCredentials>> _answers = new();
        private readonly SemaphoreSlim _called = new(0);
        private int _calls;

        public int Calls => Volatile.Read(ref _calls);

        public void Next(AwsCredentials credentials)
        {
            var answer = new TaskCompletionSource<AwsCredentials>(TaskCreationOptions.RunContinuationsAsynchronously);
            answer.SetResult(credentials);
            lock (_answers)
            {
                _answers.Enqueue(answer);
            }
        }

        public TaskCompletionSource<AwsCredentials> NextPending()
        {
            var answer = new TaskCompletionSource<AwsCredentials>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_answers)
            {
                _answers.Enqueue(answer);
            }

            return answer;
        }

        public async Task WaitForCallsAsync(int count)
        {
            while (Calls < count)
            {
                await _called.WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        public Task<AwsCredentials> ResolveAsync(CancellationToken cancellationToken)
        {
            TaskCompletionSource<AwsCredentials> answer;
            lock (_answers)
            {
                answer = _answers.Dequeue();
            }

            Interlocked.Increment(ref _calls);
            _called.Release();
            return answer.Task;
        }

        public void Dispose() => _called.Dispose();
    }
}
