using System;
using System.Linq;

namespace NormGen.Transforms.Tests.WeightNormalization
{
    /// <summary>Weight normalisation written plainly in double, index by index, independent of the generated code.</summary>
    internal static class WeightNormReference
    {
        /// <summary>The index along <paramref name="dim"/> of flat element <paramref name="flat"/> of a row-major tensor;
        /// dim = -1 (PyTorch's whole-tensor norm) puts every element in row 0.</summary>
        public static int RowOf(int[] shape, int dim, int flat)
        {
            if (dim == -1)
            {
                return 0;
            }

            int inner = shape.Skip(dim + 1).Aggregate(1, (a, b) => a * b);
            return flat / inner % shape[dim];
        }

        /// <summary>max(‖v row k‖, epsilon) for every k.</summary>
        public static double[] Norms(int[] shape, int dim, double[] v, double epsilon)
        {
            var sums = new double[dim == -1 ? 1 : shape[dim]];
            for (int i = 0; i < v.Length; i++)
            {
                sums[RowOf(shape, dim, i)] += v[i] * v[i];
            }

            return sums.Select(s => Math.Max(Math.Sqrt(s), epsilon)).ToArray();
        }

        public static double[] Weight(int[] shape, int dim, double[] v, double[] g, double epsilon = 0)
        {
            var norms = Norms(shape, dim, v, epsilon);
            return v.Select((x, i) => g[RowOf(shape, dim, i)] * x / norms[RowOf(shape, dim, i)]).ToArray();
        }

        /// <summary>L = Σ r·w, whose gradient with respect to w is r.</summary>
        public static double Loss(int[] shape, int dim, double[] v, double[] g, double[] r, double epsilon = 0) =>
            Weight(shape, dim, v, g, epsilon).Zip(r, (w, d) => w * d).Sum();
    }
}
