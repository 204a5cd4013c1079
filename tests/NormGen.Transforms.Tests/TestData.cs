using System;
using System.Linq;

namespace NormGen.Transforms.Tests
{
    /// <summary>Seeded random data and the checks the numerical tests share.</summary>
    internal static class TestData
    {
        public static double[] Uniform(int seed, int length, double low = -1, double high = 1)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, length).Select(_ => low + (high - low) * random.NextDouble()).ToArray();
        }

        public static float[] ToFloat(double[] values) => values.Select(v => (float)v).ToArray();

        /// <summary>Asserts |actual - expected| ≤ tolerance · max(1, |expected|) element by element, naming the first failure.</summary>
        public static void AssertClose(double[] expected, double[] actual, double tolerance, string what)
        {
            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                double error = Math.Abs(actual[i] - expected[i]);
                Assert.True(
                    error <= tolerance * Math.Max(1, Math.Abs(expected[i])),
                    $"{what}[{i}]: expected {expected[i]:R}, actual {actual[i]:R} (error {error:E2}, tolerance {tolerance:E1})");
            }
        }

        public static void AssertClose(double[] expected, float[] actual, double tolerance, string what) =>
            AssertClose(expected, actual.Select(v => (double)v).ToArray(), tolerance, what);

        /// <summary>Bytes allocated on this thread by <paramref name="action"/>, after a warm-up run so JIT and type
        /// initialisation are not counted.</summary>
        public static long AllocatedBy(Action action)
        {
            action();
            long before = GC.GetAllocatedBytesForCurrentThread();
            action();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }
}
