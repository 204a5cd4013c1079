using System;
using System.Globalization;
using Xunit.Sdk;

namespace NormGen.Conformance.Tests.Harness;

/// <summary>Element-wise comparison with a <see cref="Tolerance"/>, reporting the worst element on failure.</summary>
internal static class Closeness
{
    public static void AssertClose(string what, double[] expected, double[] actual, Tolerance tolerance)
    {
        if (expected.Length != actual.Length)
            throw new XunitException($"{what}: libtorch has {expected.Length} values, NormGen {actual.Length}.");

        int worst = -1;
        double worstExcess = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            double difference = Math.Abs(actual[i] - expected[i]);
            // A NaN on either side fails: the comparison below is false for NaN.
            double excess = difference <= tolerance.Allowed(expected[i]) ? 0 : (double.IsNaN(difference) ? double.PositiveInfinity : difference / tolerance.Allowed(expected[i]));
            if (excess > worstExcess)
            {
                worstExcess = excess;
                worst = i;
            }
        }

        if (worst >= 0)
        {
            throw new XunitException(string.Create(CultureInfo.InvariantCulture,
                $"{what}: element {worst} of {expected.Length}: libtorch {expected[worst]:R}, NormGen {actual[worst]:R}, " +
                $"difference {Math.Abs(actual[worst] - expected[worst]):E3} exceeds {tolerance.Allowed(expected[worst]):E3} " +
                $"(absolute {tolerance.Absolute:E0} + relative {tolerance.Relative:E0})."));
        }
    }

    /// <summary>The largest absolute difference between two arrays of equal length.</summary>
    public static double MaxAbsoluteError(double[] reference, double[] values)
    {
        double max = 0;
        for (int i = 0; i < reference.Length; i++)
            max = Math.Max(max, Math.Abs(values[i] - reference[i]));
        return max;
    }
}
