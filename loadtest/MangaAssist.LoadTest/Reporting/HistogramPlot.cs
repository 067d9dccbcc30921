using System.Globalization;
using System.Text;
using MangaAssist.LoadTest.Metrics;

namespace MangaAssist.LoadTest.Reporting;

/// <summary>Text plots of a latency histogram: rows of geometrically growing width from the smallest to the largest value.</summary>
internal static class HistogramPlot
{
    /// <summary>Groups the histogram's buckets into at most <paramref name="rows"/> rows (values in microseconds, rows in milliseconds).</summary>
    public static IReadOnlyList<HistogramRow> Rows(LogLinearHistogram histogram, int rows = 16)
    {
        if (histogram.Count == 0)
        {
            return [];
        }

        var low = Math.Max(1, histogram.Min);
        var high = Math.Max(low + 1, histogram.Max);
        var ratio = Math.Pow((double)high / low, 1.0 / rows);
        var edges = new long[rows + 1];
        for (var i = 0; i <= rows; i++)
        {
            edges[i] = i == rows ? high : (long)Math.Floor(low * Math.Pow(ratio, i));
        }

        var counts = new long[rows];
        foreach (var (bucketLow, _, count) in histogram.Buckets())
        {
            var row = 0;
            while (row < rows - 1 && bucketLow >= edges[row + 1])
            {
                row++;
            }

            counts[row] += count;
        }

        var result = new List<HistogramRow>(rows);
        long cumulative = 0;
        for (var i = 0; i < rows; i++)
        {
            if (counts[i] == 0 && (cumulative == 0 || cumulative == histogram.Count))
            {
                continue;
            }

            cumulative += counts[i];
            result.Add(new HistogramRow(
                Math.Round(edges[i] / 1000.0, 3),
                Math.Round(edges[i + 1] / 1000.0, 3),
                counts[i],
                Math.Round(cumulative * 100.0 / histogram.Count, 2)));
        }

        return result;
    }

    /// <summary>The rows as a fixed-width text plot (for a Markdown code block).</summary>
    public static string Render(IReadOnlyList<HistogramRow> rows, int width = 50)
    {
        if (rows.Count == 0)
        {
            return "(no samples)\n";
        }

        var max = rows.Max(r => r.Count);
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            var bar = max == 0 ? 0 : (int)Math.Round(row.Count * (double)width / max);
            if (bar == 0 && row.Count > 0)
            {
                bar = 1;
            }

            text.Append(CultureInfo.InvariantCulture, $"{Format(row.LowMs),9} – {Format(row.HighMs),-9} ms |")
                .Append('█', bar)
                .Append(' ', width - bar)
                .Append(CultureInfo.InvariantCulture, $"| {row.Count,8} {row.CumulativePercent,7:0.00}%")
                .Append('\n');
        }

        return text.ToString();
    }

    private static string Format(double ms) => ms switch
    {
        < 10 => ms.ToString("0.000", CultureInfo.InvariantCulture),
        < 100 => ms.ToString("0.00", CultureInfo.InvariantCulture),
        < 1000 => ms.ToString("0.0", CultureInfo.InvariantCulture),
        _ => ms.ToString("0", CultureInfo.InvariantCulture),
    };
}
