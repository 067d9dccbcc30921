using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace MangaAssist.Retrieval.Embedded;

/// <summary>
/// Exact integer dot products of a query's 16-bit codes with int8 document codes (<see cref="QueryCode"/> keeps every
/// sum inside 32 bits), so every code path gives the same integers: 512-bit, 256-bit or scalar.
/// </summary>
internal static class Int8Dot
{
    private const int Rows = 4;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Dot(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> row)
    {
        var i = 0;
        var sum = 0;
        if (Avx2.IsSupported && query.Length >= 16)
        {
            ref var q = ref MemoryMarshal.GetReference(query);
            ref var r = ref MemoryMarshal.GetReference(row);
            var sums = Vector256<int>.Zero;
            for (; i + 16 <= query.Length; i += 16)
            {
                sums += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref q, (nuint)i), Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref r, (nuint)i)));
            }

            sum = Vector256.Sum(sums);
        }

        for (; i < query.Length; i++)
        {
            sum += query[i] * row[i];
        }

        return sum;
    }

    /// <summary>
    /// <see cref="Dot"/> with four rows at once (the same integers): four independent streams of loads let the core
    /// fetch rows that are not in cache in parallel, and each chunk of the query is loaded once.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Dot(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> row0, ReadOnlySpan<sbyte> row1, ReadOnlySpan<sbyte> row2, ReadOnlySpan<sbyte> row3, Span<int> results)
    {
        var i = Avx512BW.IsSupported && Vector512.IsHardwareAccelerated ? Dot512(query, row0, row1, row2, row3, results)
            : Avx2.IsSupported ? Dot256(query, row0, row1, row2, row3, results)
            : 0;
        if (i == 0)
        {
            results[..Rows].Clear();
        }

        for (; i < query.Length; i++)
        {
            results[0] += query[i] * row0[i];
            results[1] += query[i] * row1[i];
            results[2] += query[i] * row2[i];
            results[3] += query[i] * row3[i];
        }
    }

    /// <summary>32 codes per row and step; returns how many dimensions it covered (0: none, results untouched).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Dot512(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> row0, ReadOnlySpan<sbyte> row1, ReadOnlySpan<sbyte> row2, ReadOnlySpan<sbyte> row3, Span<int> results)
    {
        var end = query.Length & ~31;
        if (end == 0)
        {
            return 0;
        }

        ref var q = ref MemoryMarshal.GetReference(query);
        ref var r0 = ref MemoryMarshal.GetReference(row0);
        ref var r1 = ref MemoryMarshal.GetReference(row1);
        ref var r2 = ref MemoryMarshal.GetReference(row2);
        ref var r3 = ref MemoryMarshal.GetReference(row3);
        Vector512<int> sum0 = default, sum1 = default, sum2 = default, sum3 = default;
        for (nuint i = 0; i < (nuint)end; i += 32)
        {
            // Widen 32 codes to 16 bits, multiply pairwise with the query and add adjacent pairs into 32 bits.
            var qv = Vector512.LoadUnsafe(ref q, i);
            sum0 += Avx512BW.MultiplyAddAdjacent(qv, Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref r0, i)));
            sum1 += Avx512BW.MultiplyAddAdjacent(qv, Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref r1, i)));
            sum2 += Avx512BW.MultiplyAddAdjacent(qv, Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref r2, i)));
            sum3 += Avx512BW.MultiplyAddAdjacent(qv, Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref r3, i)));
        }

        results[0] = Vector512.Sum(sum0);
        results[1] = Vector512.Sum(sum1);
        results[2] = Vector512.Sum(sum2);
        results[3] = Vector512.Sum(sum3);
        return end;
    }

    /// <summary>16 codes per row and step; as <see cref="Dot512"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Dot256(ReadOnlySpan<short> query, ReadOnlySpan<sbyte> row0, ReadOnlySpan<sbyte> row1, ReadOnlySpan<sbyte> row2, ReadOnlySpan<sbyte> row3, Span<int> results)
    {
        var end = query.Length & ~15;
        if (end == 0)
        {
            return 0;
        }

        ref var q = ref MemoryMarshal.GetReference(query);
        ref var r0 = ref MemoryMarshal.GetReference(row0);
        ref var r1 = ref MemoryMarshal.GetReference(row1);
        ref var r2 = ref MemoryMarshal.GetReference(row2);
        ref var r3 = ref MemoryMarshal.GetReference(row3);
        Vector256<int> sum0 = default, sum1 = default, sum2 = default, sum3 = default;
        for (nuint i = 0; i < (nuint)end; i += 16)
        {
            var qv = Vector256.LoadUnsafe(ref q, i);
            sum0 += Avx2.MultiplyAddAdjacent(qv, Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref r0, i)));
            sum1 += Avx2.MultiplyAddAdjacent(qv, Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref r1, i)));
            sum2 += Avx2.MultiplyAddAdjacent(qv, Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref r2, i)));
            sum3 += Avx2.MultiplyAddAdjacent(qv, Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref r3, i)));
        }

        results[0] = Vector256.Sum(sum0);
        results[1] = Vector256.Sum(sum1);
        results[2] = Vector256.Sum(sum2);
        results[3] = Vector256.Sum(sum3);
        return end;
    }
}
