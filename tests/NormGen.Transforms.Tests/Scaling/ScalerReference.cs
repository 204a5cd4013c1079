using System;
using System.Linq;

namespace NormGen.Transforms.Tests.Scaling
{
    /// <summary>Per-statistic mean, population variance, minimum and maximum, written plainly in double: every element's
    /// statistic index is computed from its coordinates, independent of the generated loops.</summary>
    internal sealed class ScalerReference
    {
        private readonly string _layout;
        private readonly int[] _shape;
        private readonly string _reduced;

        public ScalerReference(string layout, string axes, int[] shape)
        {
            _layout = layout;
            _shape = shape;
            _reduced = axes.Replace(",", "");
            Count = Enumerable.Range(0, layout.Length).Where(a => !_reduced.Contains(layout[a])).Aggregate(1, (p, a) => p * shape[a]);
        }

        /// <summary>Number of statistics.</summary>
        public int Count { get; }

        /// <summary>The statistic of flat element <paramref name="flat"/>: its coordinates along the kept axes, row-major.</summary>
        public int StatisticOf(int flat)
        {
            var coordinates = new int[_shape.Length];
            for (int a = _shape.Length - 1; a >= 0; a--)
            {
                coordinates[a] = flat % _shape[a];
                flat /= _shape[a];
            }

            int statistic = 0;
            for (int a = 0; a < _shape.Length; a++)
            {
                if (!_reduced.Contains(_layout[a]))
                {
                    statistic = statistic * _shape[a] + coordinates[a];
                }
            }

            return statistic;
        }

        public double[] Mean(double[] data) => Enumerable.Range(0, Count).Select(s => Values(data, s).Average()).ToArray();

        public double[] Variance(double[] data) => Enumerable.Range(0, Count).Select(s =>
        {
            var values = Values(data, s);
            double mean = values.Average();
            return values.Select(x => (x - mean) * (x - mean)).Sum() / values.Length;
        }).ToArray();

        public double[] Min(double[] data) => Enumerable.Range(0, Count).Select(s => Values(data, s).Min()).ToArray();

        public double[] Max(double[] data) => Enumerable.Range(0, Count).Select(s => Values(data, s).Max()).ToArray();

        /// <summary>(x - mean) / std, std taken as 1 where it is 0.</summary>
        public double[] Standardize(double[] data, double[] mean, double[] variance) => data.Select((x, i) =>
        {
            int s = StatisticOf(i);
            double std = variance[s] == 0 ? 1 : Math.Sqrt(variance[s]);
            return (x - mean[s]) / std;
        }).ToArray();

        /// <summary>(x - min) / (max - min) * (b - a) + a, the range taken as 1 where it is 0.</summary>
        public double[] MinMax(double[] data, double[] min, double[] max, double a, double b) => data.Select((x, i) =>
        {
            int s = StatisticOf(i);
            double range = max[s] == min[s] ? 1 : max[s] - min[s];
            return (x - min[s]) / range * (b - a) + a;
        }).ToArray();

        private double[] Values(double[] data, int statistic) => data.Where((_, i) => StatisticOf(i) == statistic).ToArray();
    }
}
