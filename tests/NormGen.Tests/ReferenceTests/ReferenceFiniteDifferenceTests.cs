using System;
using System.Linq;
using NormGen.Tests.Harness;
using NormGen.Tests.Reference;
using Xunit;

namespace NormGen.Tests.ReferenceTests
{
    /// <summary>The reference backward pass against central differences of the reference forward pass,
    /// L = sum(dy * y), for every element of small tensors of each kind.</summary>
    [Trait("Category", "Numerics")]
    public sealed class ReferenceFiniteDifferenceTests
    {
        public static TheoryData<string, string, int, int[]> Configurations => new()
        {
            { "NCL", "N,L", 0, [3, 2, 3] },
            { "NHWC", "N,H,W", 0, [2, 2, 3, 3] },
            { "NLC", "C", 0, [2, 3, 4] },
            { "NCHW", "C,H,W", 0, [2, 2, 2, 3] },
            { "NHWC", "H,W,C", 0, [2, 2, 3, 2] },
            { "NDHWC", "D,H,W", 0, [2, 2, 1, 3, 2] },
            { "NHWC", "H,W", 2, [2, 2, 2, 4] },
            { "NCHW", "N,H,W", 3, [2, 6, 1, 2] },
            { "LNC", "L,N", 0, [3, 2, 2] },
        };

        [Theory]
        [MemberData(nameof(Configurations))]
        public void Batch_statistics_gradients_match_differences(string layout, string axes, int groups, int[] extents)
        {
            var spec = new NormSpec(layout, axes, groups, 1e-3, 0.1, false, true, false);
            Check(spec, new LayoutShape(layout, extents), runningStatistics: false);
        }

        [Theory]
        [MemberData(nameof(Configurations))]
        public void Running_statistics_gradients_match_differences(string layout, string axes, int groups, int[] extents)
        {
            var spec = new NormSpec(layout, axes, groups, 1e-3, 0.1, false, true, false);
            Check(spec, new LayoutShape(layout, extents), runningStatistics: true);
        }

        private static void Check(NormSpec spec, LayoutShape shape, bool runningStatistics)
        {
            var random = new Random(17);
            var map = new StatisticMap(spec, shape);
            double[] x = Values(random, shape.Count, 0.5, 2);
            double[] dy = Values(random, shape.Count, 0, 1);
            double[] weight = Values(random, map.ParameterCount, 1, 0.5);
            double[] bias = Values(random, map.ParameterCount, 0, 0.5);
            double[] runningMean = Values(random, map.RunningCount, 0.3, 0.5);
            double[] runningVar = Values(random, map.RunningCount, 2, 0.5);

            ForwardResult Run(double[] input, double[] w, double[] b) => runningStatistics
                ? ReferenceNorm.ForwardWithRunningStatistics(spec, shape, input, w, b, runningMean, runningVar)
                : ReferenceNorm.Forward(spec, shape, input, w, b);

            double Loss(double[] input, double[] w, double[] b) => Run(input, w, b).Output.Zip(dy, (y, g) => y * g).Sum();

            var gradients = ReferenceNorm.Backward(spec, shape, Run(x, weight, bias), dy, weight);

            NumericAssert.Close("dx", Differences(x, v => Loss(v, weight, bias)), gradients.Input, Tolerances.FiniteDifferenceRelative);
            NumericAssert.Close("dweight", Differences(weight, v => Loss(x, v, bias)), gradients.Weight!, Tolerances.FiniteDifferenceRelative);
            NumericAssert.Close("dbias", Differences(bias, v => Loss(x, weight, v)), gradients.Bias!, Tolerances.FiniteDifferenceRelative);
        }

        private static double[] Differences(double[] point, Func<double[], double> loss)
        {
            var result = new double[point.Length];
            for (int i = 0; i < point.Length; i++)
            {
                double h = Tolerances.FiniteDifferenceStep * Math.Max(1, Math.Abs(point[i]));
                var plus = (double[])point.Clone();
                var minus = (double[])point.Clone();
                plus[i] += h;
                minus[i] -= h;
                result[i] = (loss(plus) - loss(minus)) / (2 * h);
            }

            return result;
        }

        private static double[] Values(Random random, int count, double centre, double spread) =>
            Enumerable.Range(0, count).Select(_ => centre + (spread * ((2 * random.NextDouble()) - 1))).ToArray();
    }
}
