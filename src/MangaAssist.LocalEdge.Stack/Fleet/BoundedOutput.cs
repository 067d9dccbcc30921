namespace MangaAssist.LocalEdge.Stack.Fleet;

/// <summary>The last lines a process printed (stdout and stderr interleaved), for failure messages; older lines are dropped.</summary>
public sealed class BoundedOutput(int capacity)
{
    private readonly Queue<string> _lines = new(capacity);
    private readonly Lock _gate = new();
    private long _dropped;

    public void Add(string line)
    {
        lock (_gate)
        {
            if (_lines.Count == capacity)
            {
                _lines.Dequeue();
                _dropped++;
            }

            _lines.Enqueue(line);
        }
    }

    /// <summary>The kept lines, with a note of how many earlier lines were dropped.</summary>
    public override string ToString()
    {
        lock (_gate)
        {
            var kept = string.Join('\n', _lines);
            return _dropped == 0 ? kept : $"({_dropped} earlier lines dropped)\n{kept}";
        }
    }
}
