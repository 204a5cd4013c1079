using System;
using System.Buffers;
using System.Linq;
using System.Numerics;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using NormGen.Runtime;
using NormGen.Tests.Harness;
using NormGen.Tests.Layers;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>
    /// <c>MaxDegreeOfParallelism</c>: a layer sharing its statistics among threads (channels-first layers by statistics,
    /// channels-last ones by samples or, BatchNorm, by chunks of rows) and, channels-last, its normalisation and
    /// input-gradient passes by rows, gives bitwise the results of the same layer on one thread — outputs, input
    /// gradients, parameter gradients, running statistics — over two training steps and an eval step, on shapes large
    /// enough for the split (with row counts that do not divide evenly among the threads, and for channels-last
    /// BatchNorm 13 chunks of rows: enough for three threads).
    /// </summary>
    [Trait("Category", "Numerics")]
    public sealed class ParallelTests
    {
        public static TheoryData<string, int[]> Cases => new()
        {
            { typeof(BatchNorm2dNchw64Float).FullName!, [8, 64, 16, 16] },
            { typeof(BatchNorm2dNchw64Double).FullName!, [4, 64, 16, 33] },
            { typeof(LayerNormNlcFloat).FullName!, [64, 513, 5] },
            { typeof(LayerNormNchwFloat).FullName!, [601, 5, 7, 9] },
            { typeof(InstanceNorm2dTrackedFloat).FullName!, [8, 5, 64, 65] },
            { typeof(GroupNorm3NchwDouble).FullName!, [4, 6, 80, 81] },
            { typeof(BatchNorm2dNhwcWideFloat).FullName!, [19, 37, 29, 20] },
            { typeof(BatchNorm3dNdhwcDouble).FullName!, [9, 11, 43, 19, 5] },
            { typeof(BatchNorm1dNcWideFloat).FullName!, [10700, 37] },
            { typeof(GroupNorm4NhwcWideDouble).FullName!, [5, 41, 33, 20] },
            { typeof(InstanceNorm3dNdhwcFloat).FullName!, [3, 9, 17, 61, 5] },
            { typeof(RmsNormNlcFloat).FullName!, [64, 513, 6] },
            { typeof(RmsNormNchwDouble).FullName!, [601, 5, 7, 9] },
            { typeof(RmsNormInstanceNhwcFloat).FullName!, [8, 64, 65, 5] },
            { typeof(RmsNormBatchNhwcFloat).FullName!, [19, 37, 41, 5] },
        };

        [Theory]
        [MemberData(nameof(Cases))]
        public void Several_threads_give_bitwise_the_results_of_one(string layer, int[] shape)
        {
            var declared = DeclaredLayer.Named(layer);
            if (declared.ElementType == typeof(float))
            {
                Compare<float>(declared, shape);
            }
            else
            {
                Compare<double>(declared, shape);
            }
        }

        [Fact]
        public void Fewer_than_one_thread_is_refused_and_changes_nothing()
        {
            var layer = new BatchNorm2dNchwFloat { MaxDegreeOfParallelism = 3 };

            var error = Assert.Throws<ArgumentOutOfRangeException>(() => layer.MaxDegreeOfParallelism = 0);

            Assert.Contains("at least 1", error.Message, StringComparison.Ordinal);
            Assert.Equal(3, layer.MaxDegreeOfParallelism);
        }

        [Theory]
        [InlineData(1, 64)]
        [InlineData(2, 64)]
        [InlineData(3, 64)]
        [InlineData(5, 3)]
        [InlineData(2, 1)]
        public void Every_statistic_is_taken_by_exactly_one_range(int threads, int statistics)
        {
            int[] visits = new int[statistics];
            float[] data = new float[4];

            ParallelStatistics.Run<float>(threads, statistics, data, default, data, (ref float input, ref float secondInput, ref float output, int start, int end) =>
            {
                for (int s = start; s < end; s++)
                {
                    Interlocked.Increment(ref visits[s]);
                }
            });

            Assert.All(visits, count => Assert.Equal(1, count));
        }

        private static void Compare<T>(DeclaredLayer declared, int[] shape)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            Assert.True(shape.Aggregate(1, (a, b) => a * b) >= ParallelStatistics.MinimumElements, "the shape must be large enough to be split");
            if (declared.Spec.IsReduced('N') && !declared.Spec.Layout.EndsWith('C'))
            {
                // BatchNorm takes a statistic in one go (the path threads share) only within 32 KB of values.
                Assert.True(ValuesPerStatistic(declared, shape) <= 32768 / Unsafe.SizeOf<T>(), "each statistic must be taken one at a time");
            }
            var one = (INormalizationLayer<T>)declared.Create();
            var two = (INormalizationLayer<T>)declared.Create();
            var three = (INormalizationLayer<T>)declared.Create();
            SetThreads(two, 2);
            SetThreads(three, 3);
            var random = new Random(17);
            T[] weight = Values<T>(random, one.Weight?.Length ?? 0, 1, 0.5);
            T[] bias = Values<T>(random, one.Bias?.Length ?? 0, 0, 0.5);
            foreach (var layer in new[] { one, two, three })
            {
                weight.CopyTo(layer.Weight ?? []);
                bias.CopyTo(layer.Bias ?? []);
            }

            int count = shape.Aggregate(1, (a, b) => a * b);
            for (int step = 0; step < 2; step++)
            {
                T[] x = Values<T>(random, count, 3, 2);
                T[] dy = Values<T>(random, count, 0, 1);
                var reference = Step(one, x, dy, shape);
                AssertSame(declared.Name + " step " + step + ", 2 threads", reference, Step(two, x, dy, shape), one, two);
                AssertSame(declared.Name + " step " + step + ", 3 threads", reference, Step(three, x, dy, shape), one, three);
            }

            foreach (var layer in new[] { one, two, three })
            {
                layer.Training = false;
            }

            T[] evalInput = Values<T>(random, count, 3, 2);
            T[] evalGrad = Values<T>(random, count, 0, 1);
            var evalReference = Step(one, evalInput, evalGrad, shape);
            AssertSame(declared.Name + " eval, 2 threads", evalReference, Step(two, evalInput, evalGrad, shape), one, two);
            AssertSame(declared.Name + " eval, 3 threads", evalReference, Step(three, evalInput, evalGrad, shape), one, three);
        }

        /// <summary>Values of one statistic: the product of the reduced extents, times the channels of a group.</summary>
        private static long ValuesPerStatistic(DeclaredLayer declared, int[] shape)
        {
            var spec = declared.Spec;
            long values = 1;
            for (int i = 0; i < shape.Length; i++)
            {
                if (spec.IsReduced(spec.Layout[i]))
                {
                    values *= shape[i];
                }
            }

            int channels = shape[spec.Layout.IndexOf('C', StringComparison.Ordinal)];
            return spec.HasGroups ? values * (channels / spec.Groups) : values;
        }

        private static void SetThreads<T>(INormalizationLayer<T> layer, int threads)
            where T : unmanaged
        {
            var property = layer.GetType().GetProperty("MaxDegreeOfParallelism", BindingFlags.Public | BindingFlags.Instance);
            Assert.NotNull(property);
            property.SetValue(layer, threads);
        }

        private static (T[] Output, T[] InputGrad) Step<T>(INormalizationLayer<T> layer, T[] x, T[] dy, int[] shape)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            PoisonSharedPool<T>();
            var output = new T[x.Length];
            var inputGrad = new T[x.Length];
            layer.Forward(x, output, shape);
            layer.Backward(x, dy, inputGrad, shape);
            return (output, inputGrad);
        }

        /// <summary>Fills the arrays the shared pool will hand out next on this thread with NaN, so that a kernel reading a
        /// part of its pooled scratch it did not write this call (left there by the same computation on another layer)
        /// cannot pass for right.</summary>
        private static void PoisonSharedPool<T>()
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            for (int length = 16; length <= 1 << 20; length *= 2)
            {
                T[] array = ArrayPool<T>.Shared.Rent(length);
                array.AsSpan().Fill(T.NaN);
                ArrayPool<T>.Shared.Return(array);
            }
        }

        private static void AssertSame<T>(string what, (T[] Output, T[] InputGrad) expected, (T[] Output, T[] InputGrad) actual, INormalizationLayer<T> one, INormalizationLayer<T> other)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            AssertBitwise(what + ": output", expected.Output, actual.Output);
            AssertBitwise(what + ": input gradient", expected.InputGrad, actual.InputGrad);
            AssertBitwise(what + ": weight gradient", one.WeightGrad, other.WeightGrad);
            AssertBitwise(what + ": bias gradient", one.BiasGrad, other.BiasGrad);
            AssertBitwise(what + ": running mean", one.RunningMean, other.RunningMean);
            AssertBitwise(what + ": running variance", one.RunningVar, other.RunningVar);
            Assert.Equal(one.NumBatchesTracked, other.NumBatchesTracked);
        }

        private static void AssertBitwise<T>(string what, T[]? expected, T[]? actual)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            Assert.Equal(expected is null, actual is null);
            if (expected is null || actual is null)
            {
                return;
            }

            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                if (!expected[i].Equals(actual[i]))
                {
                    Assert.Fail($"{what} differs at {i}: {expected[i]} on one thread, {actual[i]} on several.");
                }
            }
        }

        private static T[] Values<T>(Random random, int count, double mean, double spread)
            where T : unmanaged, IFloatingPointIeee754<T> =>
            Enumerable.Range(0, count).Select(_ => T.CreateChecked(mean + spread * (2 * random.NextDouble() - 1))).ToArray();
    }
}
