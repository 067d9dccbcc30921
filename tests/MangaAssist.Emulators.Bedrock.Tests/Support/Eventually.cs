namespace MangaAssist.Emulators.Bedrock.Tests.Support;

/// <summary>Waits for something the server does after the client has moved on (it is a wait, not a timing assertion).</summary>
internal static class Eventually
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"Gave up waiting for {what}.");
            }

            await Task.Delay(20);
        }
    }
}
