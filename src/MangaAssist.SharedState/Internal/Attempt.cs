using MangaAssist.SharedState.Redis;

namespace MangaAssist.SharedState.Internal;

/// <summary>A Redis call's outcome as a value, for async iterators (which can't yield inside try/catch).</summary>
internal readonly record struct Attempt<T>(bool Succeeded, T Value)
{
    public static async Task<Attempt<T>> RunAsync(Func<Task<T>> call)
    {
        try
        {
            return new Attempt<T>(true, await call());
        }
        catch (SharedStateUnavailableException)
        {
            return new Attempt<T>(false, default!);
        }
    }
}
