using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// Exact integer dot products of a quantized query (widened to 16 bits) with int8 document codes: every product fits
/// 16×8 bits and a 1,024-long sum fits 32, so the result is the same on every code path.
/// </summary>
internal static class Int8Dot
{
    public static int Dot(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> row)
    {
        var i = 0;
        var sum = 0;
        if (Avx512BW.IsSupported && Vector512.IsHardwareAccelerated && query.Length >= 64)
        {
            sum = Dot512(query, row, out i);
        }
        else if (Avx2.IsSupported && query.Length >= 32)
        {
            sum = Dot256(query, row, out i);
        }

        for (; i < query.Length; i++)
        {
            sum += query[i] * row[i];
        }

        return sum;
    }

    /// <summary>
    /// <see cref="Dot"/> of one query with four rows (the same exact integers): four independent streams of loads
    /// let the core fetch rows that are not in cache in parallel.
    /// </summary>
    public static void Dot(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> row0, ReadOnlySpan<sbyte> row1, ReadOnlySpan<sbyte> row2, ReadOnlySpan<sbyte> row3, Span<int> results)
    {
        var i = 0;
        if (Avx512BW.IsSupported && Vector512.IsHardwareAccelerated && query.Length >= 32)
        {
            ref var q = ref MemoryMarshal.GetReference(query);
            ref var r0 = ref MemoryMarshal.GetReference(row0);
            ref var r1 = ref MemoryMarshal.GetReference(row1);
            ref var r2 = ref MemoryMarshal.GetReference(row2);
            ref var r3 = ref MemoryMarshal.GetReference(row3);
            var sum0 = Vector512<int>.Zero;
            var sum1 = Vector512<int>.Zero;
            var sum2 = Vector512<int>.Zero;
            var sum3 = Vector512<int>.Zero;
            for (; i + 32 <= query.Length; i += 32)
            {
                var qv = Vector512.LoadUnsafe(ref q, (nuint)i);
                sum0 += Avx512BW.MultiplyAddAdjacent(qv, Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref r0, (nuint)i)));
                sum1 += Avx512BW.MultiplyAddAdjacent(qv, Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref r1, (nuint)i)));
                sum2 += Avx512BW.MultiplyAddAdjacent(qv, Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref r2, (nuint)i)));
                sum3 += Avx512BW.MultiplyAddAdjacent(qv, Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref r3, (nuint)i)));
            }

            results[0] = Vector512.Sum(sum0);
            results[1] = Vector512.Sum(sum1);
            results[2] = Vector512.Sum(sum2);
            results[3] = Vector512.Sum(sum3);
        }
        else
        {
            results[..4].Clear();
        }

        for (; i < query.Length; i++)
        {
            results[0] += query[i] * row0[i];
            results[1] += query[i] * row1[i];
            results[2] += query[i] * row2[i];
            results[3] += query[i] * row3[i];
        }
    }

    private static int Dot512(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> row, out int done)
    {
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var r = ref MemoryMarshal.GetReference(row);
        var sum0 = Vector512<int>.Zero;
        var sum1 = Vector512<int>.Zero;
        var i = 0;
        // Two independent accumulators, 64 codes per step: widen 32 codes to 16 bits, multiply pairwise and add to 32.
        for (; i + 64 <= query.Length; i += 64)
        {
            var codes0 = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref r, (nuint)i));
            var codes1 = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref r, (nuint)(i + 32)));
            sum0 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref q, (nuint)i), codes0);
            sum1 += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref q, (nuint)(i + 32)), codes1);
        }

        done = i;
        return Vector512.Sum(sum0 + sum1);
    }

    private static int Dot256(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> row, out int done)
    {
        ref var q = ref MemoryMarshal.GetReference(query);
        ref var r = ref MemoryMarshal.GetReference(row);
        var sum0 = Vector256<int>.Zero;
        var sum1 = Vector256<int>.Zero;
        var i = 0;
        for (; i + 32 <= query.Length; i += 32)
        {
            var codes0 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref r, (nuint)i));
            var codes1 = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref r, (nuint)(i + 16)));
            sum0 += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref q, (nuint)i), codes0);
            sum1 += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref q, (nuint)(i + 16)), codes1);
        }

        done = i;
        return Vector256.Sum(sum0 + sum1);
    }
}
