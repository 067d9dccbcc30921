namespace MangaAssist.LoadTest.Running;

/// <summary>Live progress: one line rewritten in place on a terminal, a line every 5 s when the output is redirected.</summary>
internal sealed class ProgressLine : IDisposable
{
    private readonly TextWriter _output;
    private readonly Func<string> _text;
    private readonly bool _inPlace;
    private readonly Timer? _timer;
    private int _ticks;
    private int _lastLength;
    private bool _disposed;

    public ProgressLine(TextWriter output, bool enabled, Func<string> text)
    {
        _output = output;
        _text = text;
        _inPlace = !Console.IsOutputRedirected && output == Console.Out;
        if (enabled)
        {
            _timer = new Timer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        }
    }

    private void Tick()
    {
        lock (_output)
        {
            if (_disposed)
            {
                return;
            }

            _ticks++;
            if (_inPlace)
            {
                var line = _text();
                _output.Write("\r" + line.PadRight(_lastLength));
                _lastLength = line.Length;
            }
            else if (_ticks % 5 == 0)
            {
                _output.WriteLine(_text());
            }
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_output)
        {
            if (!_disposed && _inPlace && _lastLength > 0)
            {
                _output.WriteLine();
            }

            _disposed = true;
        }
    }
}
