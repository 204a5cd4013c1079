using System;
using System.Collections.Generic;
using System.Globalization;
using Xunit.Sdk;

namespace NormGen.Tests.Harness
{
    /// <summary>
    /// The accuracy rule for a Half tensor: a Half layer computes in float and rounds each value once when it stores.
    /// Each value must therefore be the expected value rounded to Half, or within one Half ulp of that rounding, or,
    /// where the expected value results from cancelling terms, within the float arithmetic's own allowance of it:
    /// |actual − expected| ≤ |rounded − expected| + <c>floatSlack</c>.
    /// </summary>
    internal static class HalfAssert
    {
        /// <summary>Fails naming the first value outside the rule; returns how many values are not the expected value
        /// rounded to Half (those within one ulp or the slack included).</summary>
        public static int RoundedOnce(string quantity, IReadOnlyList<Half> actual, IReadOnlyList<double> expected, double floatSlack)
        {
            if (expected.Count != actual.Count)
            {
                throw new XunitException($"{quantity}: expected {expected.Count} values, got {actual.Count}.");
            }

            int differing = 0;
            for (int i = 0; i < actual.Count; i++)
            {
                Half rounded = (Half)expected[i];
                if (BitConverter.HalfToInt16Bits(rounded) == BitConverter.HalfToInt16Bits(actual[i]) || (Half.IsNaN(rounded) && Half.IsNaN(actual[i])))
                {
                    continue;
                }

                differing++;
                int ulps = Math.Abs(Ordered(actual[i]) - Ordered(rounded));
                bool withinFloat = Math.Abs((double)actual[i] - expected[i]) <= Math.Abs((double)rounded - expected[i]) + floatSlack;
                if (!(ulps <= 1 || withinFloat))
                {
                    throw new XunitException(string.Format(
                        CultureInfo.InvariantCulture,
                        "{0}[{1}]: Half layer {2}, expected {3:R} rounds to {4}: {5} Half ulps apart, beyond the float slack {6:G3}.",
                        quantity, i, actual[i], expected[i], rounded, ulps, floatSlack));
                }
            }

            return differing;
        }

        /// <summary>Half bits as integers that count ulps across zero.</summary>
        private static int Ordered(Half value)
        {
            int bits = BitConverter.HalfToInt16Bits(value);
            return bits < 0 ? short.MinValue - bits : bits;
        }
    }
}
