using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Xunit.Sdk;

namespace NormGen.Tests.Harness
{
    /// <summary>Element-wise comparison of a result against the double reference under <see cref="Tolerances"/>.</summary>
    internal static class NumericAssert
    {
        /// <summary>Fails, naming the quantity, the first offending index and the size of the error, unless every element
        /// is within relative * max(|expected|, max |expected|).</summary>
        public static void Close(string quantity, IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative) =>
            Close(quantity, expected, actual, relative, 0);

        /// <summary>As <see cref="Close(string, IReadOnlyList{double}, IReadOnlyList{double}, double)"/>, with the floor raised to
        /// <paramref name="termScale"/> when the compared values result from cancelling terms of that size.</summary>
        public static void Close(string quantity, IReadOnlyList<double> expected, IReadOnlyList<double> actual, double relative, double termScale)
        {
            if (expected.Count != actual.Count)
            {
                throw new XunitException($"{quantity}: expected {expected.Count} values, got {actual.Count}.");
            }

            double scale = Math.Max(termScale, expected.Count == 0 ? 0 : expected.Max(Math.Abs));
            int failures = 0;
            int first = -1;
            double worst = 0;
            for (int i = 0; i < expected.Count; i++)
            {
                double error = Math.Abs(actual[i] - expected[i]);
                double tolerance = relative * Math.Max(Math.Abs(expected[i]), scale);
                if (!(error <= tolerance))
                {
                    failures++;
                    first = first < 0 ? i : first;
                    worst = Math.Max(worst, double.IsNaN(error) ? double.PositiveInfinity : error / Math.Max(scale, double.Epsilon));
                }
            }

            if (failures > 0)
            {
                throw new XunitException(string.Format(
                    CultureInfo.InvariantCulture,
                    "{0}: {1} of {2} values outside relative tolerance {3:G3}; first at [{4}]: expected {5:R}, actual {6:R}; worst error / scale = {7:G3} (scale = {8:G4}).",
                    quantity, failures, expected.Count, relative, first, expected[first], actual[first], worst, scale));
            }
        }

        /// <summary>Within an absolute tolerance, for checks whose scale is known in advance.</summary>
        public static void Within(string quantity, IReadOnlyList<double> expected, IReadOnlyList<double> actual, double absolute)
        {
            for (int i = 0; i < expected.Count; i++)
            {
                double error = Math.Abs(actual[i] - expected[i]);
                if (!(error <= absolute))
                {
                    throw new XunitException(string.Format(
                        CultureInfo.InvariantCulture,
                        "{0}[{1}]: expected {2:R}, actual {3:R}, error {4:G3} above {5:G3}.",
                        quantity, i, expected[i], actual[i], error, absolute));
                }
            }
        }
    }
}
