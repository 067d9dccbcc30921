namespace MangaAssist.Orchestrator.Capacity;

/// <summary>The process's current load, read by admission for every request that would start a stream.</summary>
public interface ILoadSignal
{
    LoadSnapshot Current { get; }
}
