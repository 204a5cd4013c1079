using System;
using System.Collections.Generic;
using System.Linq;

namespace NormGen.Configuration
{
    /// <summary>Valid group counts, or channel counts, to offer when <c>Channels</c> is not divisible by <c>Groups</c>.</summary>
    internal static class GroupSuggestions
    {
        /// <summary>The divisors of <paramref name="channels"/> nearest to <paramref name="requested"/>, at most
        /// <paramref name="count"/> of them, in ascending order. Nearness is by ratio (a group count is a factor of the
        /// channel count, so 2 and 8 are equally near 4): Channels = 10, Groups = 4 gives 2, 5 and 10.
        /// Ties prefer the smaller divisor.</summary>
        public static IReadOnlyList<int> NearestDivisors(int channels, int requested, int count = 3)
        {
            if (channels <= 0)
            {
                return Array.Empty<int>();
            }

            var divisors = new List<int>();
            for (int d = 1; d <= channels; d++)
            {
                if (channels % d == 0)
                {
                    divisors.Add(d);
                }
            }

            long target = Math.Max(requested, 1);
            divisors.Sort((a, b) =>
            {
                // Compare the ratios max(d, target) / min(d, target) exactly, by cross-multiplication.
                int byRatio = (Math.Max(a, target) * Math.Min(b, target)).CompareTo(Math.Max(b, target) * Math.Min(a, target));
                return byRatio != 0 ? byRatio : a.CompareTo(b);
            });
            return divisors.Take(count).OrderBy(d => d).ToArray();
        }

        /// <summary>The positive multiples of <paramref name="groups"/> nearest to <paramref name="channels"/>, ascending:
        /// the one below and the one above (<c>new Norm(30)</c> with 8 groups gives 24 and 32), or only the one above
        /// when no positive multiple is below (3 channels, 8 groups gives 8). Empty when <paramref name="groups"/> is not
        /// positive or <paramref name="channels"/> already is a multiple.</summary>
        public static IReadOnlyList<int> NearestMultiples(int channels, int groups)
        {
            if (groups <= 0 || (channels > 0 && channels % groups == 0))
            {
                return Array.Empty<int>();
            }

            long below = channels > 0 ? (long)channels / groups * groups : 0;
            long above = below + groups;
            var multiples = new List<int>();
            if (below > 0)
            {
                multiples.Add((int)below);
            }

            if (above <= int.MaxValue)
            {
                multiples.Add((int)above);
            }

            return multiples;
        }

        /// <summary>"2, 5 or 10".</summary>
        public static string Describe(IReadOnlyList<int> values)
        {
            if (values.Count == 0)
            {
                return "";
            }

            if (values.Count == 1)
            {
                return values[0].ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var head = string.Join(", ", values.Take(values.Count - 1).Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            return head + " or " + values[values.Count - 1].ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
