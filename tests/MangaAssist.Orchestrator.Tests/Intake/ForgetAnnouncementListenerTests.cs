using MangaAssist.Orchestrator.Intake;
using MangaAssist.SharedState.Redis;
using MangaAssist.SharedState.Shoppers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace MangaAssist.Orchestrator.Tests.Intake;

public sealed class ForgetAnnouncementListenerTests
{
    [Fact]
    public async Task RedisAwayAtStart_SubscribesOnceItAnswers_WithGrowingWaits()
    {
        var time = new FakeTimeProvider();
        var announcements = new FlakyAnnouncements(failuresBeforeSuccess: 3);
        using var sut = new ForgetAnnouncementListener(announcements, new ChatRequestRegistry(), time, NullLogger<ForgetAnnouncementListener>.Instance);

        await sut.StartAsync(CancellationToken.None);
        await announcements.WhenAttempted(1);
        announcements.Attempts.ShouldBe(1);

        time.Advance(TimeSpan.FromSeconds(1));
        await announcements.WhenAttempted(2);
        time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(50);
        announcements.Attempts.ShouldBe(2, "the second wait is twice the first");
        time.Advance(TimeSpan.FromSeconds(1));
        await announcements.WhenAttempted(3);
        time.Advance(TimeSpan.FromSeconds(4));
        await announcements.WhenAttempted(4);

        announcements.Listening.ShouldBeTrue();
        await sut.StopAsync(CancellationToken.None);
    }

    private sealed class FlakyAnnouncements(int failuresBeforeSuccess) : IForgetAnnouncements
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        public bool Listening { get; private set; }

        public Task AnnounceAsync(string ownerId, CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task ListenAsync(Action<string> onForget, CancellationToken cancellationToken = default)
        {
            if (Interlocked.Increment(ref _attempts) <= failuresBeforeSuccess)
            {
                throw new SharedStateUnavailableException("Redis is away.");
            }

            Listening = true;
            return Task.CompletedTask;
        }

        public async Task WhenAttempted(int count)
        {
            for (var i = 0; i < 200 && Attempts < count; i++)
            {
                await Task.Delay(10);
            }

            Attempts.ShouldBeGreaterThanOrEqualTo(count);
        }
    }
}
