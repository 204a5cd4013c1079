using System;
using System.Linq;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>
    /// The configurations a BatchNorm over one sample can become: the batch axis leaves <c>Axes</c>, giving
    /// InstanceNorm (per sample and channel) or GroupNorm (per sample and group). A rewrite is offered only when
    /// <see cref="ConfigurationValidator"/> accepts it.
    /// </summary>
    internal static class BatchOfOneRewrites
    {
        /// <summary>The usual GroupNorm group count (Wu and He, 2018); the offered count is the divisor nearest to it.</summary>
        private const int UsualGroups = 32;

        public static NormalizeOptions? InstanceNorm(NormalizeOptions options)
        {
            if (options.GroupsSet)
            {
                return null;
            }

            var axes = WithoutBatch(options.Axes);
            return axes is null ? null : Accepted(options with { Axes = axes });
        }

        /// <summary>GroupNorm keeps no running statistics, so the options about them go.</summary>
        public static NormalizeOptions? GroupNorm(NormalizeOptions options)
        {
            var axes = WithoutBatch(options.Axes);
            int groups = options.GroupsSet ? options.Groups : GroupCount(options.Channels);
            if (axes is null || groups == 0)
            {
                return null;
            }

            return Accepted(options with
            {
                Axes = axes,
                Groups = groups,
                GroupsSet = true,
                TrackRunningStats = null,
                Momentum = new NormalizeOptions().Momentum,
                MomentumSet = false,
                CumulativeAverage = false,
            });
        }

        /// <summary>The divisor of <paramref name="channels"/> strictly between 1 and the channel count that is
        /// nearest to <see cref="UsualGroups"/> by ratio, or 0 when there is none.</summary>
        internal static int GroupCount(int channels)
        {
            int best = 0;
            for (int d = 2; d < channels; d++)
            {
                if (channels % d == 0 && (best == 0 || Nearer(d, best)))
                {
                    best = d;
                }
            }

            return best;
        }

        /// <summary>True when max(a, 32) / min(a, 32) is below the same ratio for b (compared exactly).</summary>
        private static bool Nearer(long a, long b) =>
            Math.Max(a, UsualGroups) * Math.Min(b, UsualGroups) < Math.Max(b, UsualGroups) * Math.Min(a, UsualGroups);

        /// <summary>The axes without N, written in the user's separator style, or null when nothing is left or the
        /// configuration is not BatchNorm-like (C reduced: statistics are not per channel to begin with).</summary>
        private static string? WithoutBatch(string axes)
        {
            var entries = axes.Split(',').Select(e => e.Trim()).Where(e => e.Length > 0).ToArray();
            var kept = entries.Where(e => e != "N").ToArray();
            return kept.Length == 0 || entries.Contains("C") ? null : string.Join(axes.Contains(", ") ? ", " : ",", kept);
        }

        private static NormalizeOptions? Accepted(NormalizeOptions options) =>
            ConfigurationValidator.Validate(options).HasErrors ? null : options;
    }
}
