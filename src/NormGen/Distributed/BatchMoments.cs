using System;
using System.Globalization;

namespace NormGen.Distributed
{
    /// <summary>
    /// The per-statistic values synchronised layers exchange, and their merges. Moments: for statistic s,
    /// <c>[3s]</c> the count of values, <c>[3s + 1]</c> their mean, <c>[3s + 2]</c> M2, the sum of squared deviations from
    /// that mean. Gradient sums: <c>[2s]</c> Σ γ·dy and <c>[2s + 1]</c> Σ γ·dy·x̂ over the statistic's values.
    /// </summary>
    /// <remarks>Moments merge exactly and stably (Chan, Golub and LeVeque): for parts a and b,
    /// n = na + nb, δ = mean_b − mean_a, mean = mean_a + δ·nb/n, M2 = M2_a + M2_b + δ²·na·nb/n. Merging the ranks' parts
    /// in rank order makes the result a function of the parts alone, so every rank that merges the same parts gets
    /// bitwise the same statistics, whatever the order messages arrived in.</remarks>
    public static class BatchMoments
    {
        /// <summary>Doubles per statistic in moments: count, mean, M2.</summary>
        public const int MomentsPerStatistic = 3;

        /// <summary>Doubles per statistic in gradient sums: Σ γ·dy, Σ γ·dy·x̂.</summary>
        public const int GradientSumsPerStatistic = 2;

        /// <summary>Merges <paramref name="part"/> into <paramref name="accumulated"/>, statistic by statistic. A part
        /// with count 0 changes nothing.</summary>
        public static void Merge(Span<double> accumulated, ReadOnlySpan<double> part)
        {
            if (accumulated.Length != part.Length || accumulated.Length % MomentsPerStatistic != 0)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "Moments are 3 values per statistic; got {0} and {1} values.", accumulated.Length, part.Length), nameof(part));
            }

            for (int i = 0; i < accumulated.Length; i += MomentsPerStatistic)
            {
                MergeOne(ref accumulated[i], ref accumulated[i + 1], ref accumulated[i + 2], part[i], part[i + 1], part[i + 2]);
            }
        }

        /// <summary>Merges the moments of <paramref name="ranks"/> parts laid end to end in <paramref name="perRank"/>
        /// (as an all-gather leaves them), in rank order, into <paramref name="merged"/>.</summary>
        public static void MergeRanks(ReadOnlySpan<double> perRank, int ranks, Span<double> merged)
        {
            CheckParts(perRank.Length, ranks, merged.Length);
            merged.Clear();
            for (int r = 0; r < ranks; r++)
            {
                Merge(merged, perRank.Slice(r * merged.Length, merged.Length));
            }
        }

        /// <summary>Adds the gradient sums (or any sums) of <paramref name="ranks"/> parts laid end to end in
        /// <paramref name="perRank"/>, in rank order, into <paramref name="summed"/>.</summary>
        public static void SumRanks(ReadOnlySpan<double> perRank, int ranks, Span<double> summed)
        {
            CheckParts(perRank.Length, ranks, summed.Length);
            summed.Clear();
            for (int r = 0; r < ranks; r++)
            {
                var part = perRank.Slice(r * summed.Length, summed.Length);
                for (int i = 0; i < summed.Length; i++)
                {
                    summed[i] += part[i];
                }
            }
        }

        /// <summary>Merges one part (count <paramref name="n"/>, mean, M2) into one statistic's running moments.</summary>
        internal static void MergeOne(ref double count, ref double mean, ref double m2, double n, double partMean, double partM2)
        {
            if (n == 0)
            {
                return;
            }

            if (count == 0)
            {
                count = n;
                mean = partMean;
                m2 = partM2;
                return;
            }

            double total = count + n;
            double delta = partMean - mean;
            mean += delta * (n / total);
            m2 += partM2 + delta * delta * (count / total * n);
            count = total;
        }

        private static void CheckParts(int perRank, int ranks, int length)
        {
            if (ranks <= 0 || perRank != (long)ranks * length)
            {
                throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, "{0} ranks of {1} values each need exactly {2} values; got {3}.", ranks, length, (long)ranks * length, perRank));
            }
        }
    }
}
