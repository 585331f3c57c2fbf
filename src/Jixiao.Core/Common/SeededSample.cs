namespace Jixiao.Core.Common;

/// <summary>
/// A reproducible random sample of ids: the same ids, count and seed always give the same sample in the same order, on every
/// platform and .NET version, so a recorded draw (experts of an ex-ante assessment, self-evaluations of a re-evaluation) can be
/// re-run and checked.
/// </summary>
/// <remarks>
/// The ids are made distinct and sorted ascending first (so the input order does not matter), then a partial Fisher–Yates
/// shuffle picks <c>count</c> of them, its random numbers coming from SplitMix64 seeded with <c>seed</c> (Steele, Lea and Flood
/// 2014; written here rather than taken from <see cref="System.Random"/>, whose seeded sequence .NET does not promise to keep).
/// An index in [0, n) is drawn by rejection sampling, so every id is equally likely.
/// </remarks>
public static class SeededSample
{
    /// <summary>The sample in draw order. <paramref name="count"/> must lie in [0, number of distinct ids].</summary>
    public static IReadOnlyList<long> Pick(IEnumerable<long> ids, int count, long seed)
    {
        var order = ids.Distinct().Order().ToArray();
        if (count < 0 || count > order.Length) throw new ArgumentOutOfRangeException(nameof(count));
        var rng = new SplitMix64(unchecked((ulong)seed));
        for (var i = 0; i < count; i++)
        {
            var j = i + (int)rng.Below((ulong)(order.Length - i));
            (order[i], order[j]) = (order[j], order[i]);
        }
        return order.Take(count).ToList();
    }

    /// <summary>SplitMix64: a 64-bit generator fully determined by its seed.</summary>
    private struct SplitMix64(ulong state)
    {
        private ulong _state = state;

        public ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        /// <summary>Uniform in [0, n) by rejection (no modulo bias).</summary>
        public ulong Below(ulong n)
        {
            var limit = ulong.MaxValue - (ulong.MaxValue % n);
            ulong x;
            do x = Next(); while (x >= limit);
            return x % n;
        }
    }
}
