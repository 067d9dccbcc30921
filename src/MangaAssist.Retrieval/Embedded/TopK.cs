using System.Runtime.CompilerServices;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>Keeps the k best (score, document) pairs in a min-heap; ties go to the lower document number.</summary>
internal ref struct TopK
{
    private readonly Span<float> _scores;
    private readonly Span<int> _documents;
    private int _count;

    public TopK(Span<float> scores, Span<int> documents)
    {
        _scores = scores;
        _documents = documents;
        _count = 0;
    }

    public readonly int Count => _count;

    /// <summary>Keeps the pair if it beats the worst kept one; a full heap rejects most offers here, inlined.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Offer(int document, float score)
    {
        if (_count == _scores.Length && (_count == 0 || !Better(score, document, _scores[0], _documents[0])))
        {
            return;
        }

        Insert(document, score);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Insert(int document, float score)
    {
        if (_count < _scores.Length)
        {
            _scores[_count] = score;
            _documents[_count] = document;
            SiftUp(_count++);
        }
        else
        {
            // Offer let it through: it beats the worst kept pair.
            _scores[0] = score;
            _documents[0] = document;
            SiftDown(0);
        }
    }

    /// <summary>Sorts the kept entries best first and returns how many there are.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int SortDescending()
    {
        var n = _count;
        // Heap sort: repeatedly move the worst to the end, leaving best-first order.
        for (var end = n - 1; end > 0; end--)
        {
            Swap(0, end);
            _count = end;
            SiftDown(0);
        }

        _count = n;
        return n;
    }

    public readonly float ScoreAt(int i) => _scores[i];

    public readonly int DocumentAt(int i) => _documents[i];

    private static bool Better(float score, int document, float otherScore, int otherDocument) =>
        score > otherScore || (score == otherScore && document < otherDocument);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SiftUp(int i)
    {
        while (i > 0)
        {
            var parent = (i - 1) / 2;
            if (!Better(_scores[parent], _documents[parent], _scores[i], _documents[i]))
            {
                break;
            }

            Swap(i, parent);
            i = parent;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void SiftDown(int i)
    {
        while (true)
        {
            var left = 2 * i + 1;
            var right = left + 1;
            var worst = i;
            if (left < _count && Better(_scores[worst], _documents[worst], _scores[left], _documents[left]))
            {
                worst = left;
            }

            if (right < _count && Better(_scores[worst], _documents[worst], _scores[right], _documents[right]))
            {
                worst = right;
            }

            if (worst == i)
            {
                return;
            }

            Swap(i, worst);
            i = worst;
        }
    }

    private readonly void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_documents[a], _documents[b]) = (_documents[b], _documents[a]);
    }
}
