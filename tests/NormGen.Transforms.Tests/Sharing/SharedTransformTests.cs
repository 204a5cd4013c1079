using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using static NormGen.Transforms.Tests.TestData;

namespace NormGen.Transforms.Tests.Sharing
{
    /// <summary>
    /// A fitted scaler's Transform and InverseTransform, and weight normalisation's ComputeWeight, write nothing but
    /// their output: 2, 4 and 8 threads calling them on one instance (scalers on inputs of different shapes, both
    /// directions interleaved) each get bitwise the single-threaded result.
    /// </summary>
    [Trait("Category", "Numerics")]
    public sealed class SharedTransformTests
    {
        private const int Rounds = 200;

        public static TheoryData<string, int> Scalers
        {
            get
            {
                var data = new TheoryData<string, int>();
                foreach (string name in ScalerShapes.Keys)
                {
                    foreach (int threads in new[] { 2, 4, 8 })
                    {
                        data.Add(name, threads);
                    }
                }

                return data;
            }
        }

        public static TheoryData<string, int> Weights
        {
            get
            {
                var data = new TheoryData<string, int>();
                foreach (string name in WeightNames)
                {
                    foreach (int threads in new[] { 2, 4, 8 })
                    {
                        data.Add(name, threads);
                    }
                }

                return data;
            }
        }

        internal static readonly string[] WeightNames = [nameof(WeightDim0), nameof(WeightDim2), nameof(WholeWeight), nameof(FloatWeightDimLast), nameof(ClampedWeight), nameof(LinearWeight)];

        // Each scaler with the shape of its i-th call: the extents not fixed in the attribute vary with i.
        internal static readonly System.Collections.Generic.Dictionary<string, (Func<object> Create, Func<int, int[]> Shape)> ScalerShapes = new()
        {
            [nameof(FeatureStandardizer)] = (() => new FeatureStandardizer(), i => [3 + i, 13]),
            [nameof(ImageStandardizer)] = (() => new ImageStandardizer(), i => [1 + (i % 3), 3, 5 + i, 7]),
            [nameof(ChannelsLastStandardizer)] = (() => new ChannelsLastStandardizer(), i => [2 + i, 3, 7, 5]),
            [nameof(FloatSequenceStandardizer)] = (() => new FloatSequenceStandardizer(), i => [2 + (i % 2), 5 + i, 9]),
            [nameof(SampleStandardizer)] = (() => new SampleStandardizer(), i => [4, 9 + i]),
            [nameof(FeatureMinMax)] = (() => new FeatureMinMax(), i => [3 + i, 13]),
            [nameof(ImageMinMax)] = (() => new ImageMinMax(), i => [1 + (i % 3), 3, 4 + i, 6]),
            [nameof(FloatChannelsLastMinMax)] = (() => new FloatChannelsLastMinMax(), i => [2, 3 + i, 5, 5]),
            [nameof(ClippedMinMax)] = (() => new ClippedMinMax(), i => [5 + i, 2]),
        };

        [Theory]
        [MemberData(nameof(Scalers))]
        public void Scaler_transforms_give_every_thread_the_single_threaded_output(string name, int threads)
        {
            var (create, shapeOf) = ScalerShapes[name];
            object scaler = create();
            long wrong = scaler switch
            {
                IInputScaler<double> doubles => HammerScaler(doubles, shapeOf, threads, values => values),
                IInputScaler<float> floats => HammerScaler(floats, shapeOf, threads, ToFloat),
                _ => throw new InvalidOperationException(name),
            };
            Assert.True(wrong == 0, $"{name}, {threads} threads: {wrong:N0} outputs differ from the single-threaded result.");
        }

        [Theory]
        [MemberData(nameof(Weights))]
        public void ComputeWeight_gives_every_thread_the_single_threaded_output(string name, int threads)
        {
            object parametrisation = Activator.CreateInstance(typeof(SharedTransformTests).Assembly.GetTypes().Single(t => t.Name == name))!;
            long wrong = parametrisation switch
            {
                IWeightNormalization<double> doubles => HammerWeight(doubles, threads, values => values),
                IWeightNormalization<float> floats => HammerWeight(floats, threads, ToFloat),
                _ => throw new InvalidOperationException(name),
            };
            Assert.True(wrong == 0, $"{name}, {threads} threads: {wrong:N0} weight elements differ from the single-threaded result.");
        }

        private static long HammerScaler<T>(IInputScaler<T> scaler, Func<int, int[]> shapeOf, int threads, Func<double[], T[]> convert)
            where T : unmanaged
        {
            int[] fitShape = shapeOf(0);
            scaler.Fit(convert(Uniform(5, fitShape.Aggregate(1, (a, b) => a * b), -3, 7)), fitShape);
            var items = Enumerable.Range(0, threads * 4).Select(i =>
            {
                int[] shape = shapeOf(i);
                T[] input = convert(Uniform(100 + i, shape.Aggregate(1, (a, b) => a * b), -4, 9));
                bool inverse = i % 2 == 1;
                void Call(T[] output)
                {
                    if (inverse)
                    {
                        scaler.InverseTransform(input, output, shape);
                    }
                    else
                    {
                        scaler.Transform(input, output, shape);
                    }
                }

                return ((Action<T[]>)Call, input.Length);
            }).ToArray();
            return Hammer(items, threads);
        }

        private static long HammerWeight<T>(IWeightNormalization<T> parametrisation, int threads, Func<double[], T[]> convert)
            where T : unmanaged
        {
            int count = parametrisation.V.Length;
            parametrisation.InitializeFrom(convert(Uniform(7, count, -2, 2)));
            convert(Uniform(8, parametrisation.G.Length, 0.5, 2)).CopyTo(parametrisation.G, 0);
            var items = Enumerable.Range(0, threads).Select(_ => ((Action<T[]>)(output => parametrisation.ComputeWeight(output)), count)).ToArray();
            return Hammer(items, threads);
        }

        /// <summary>Runs every item once on this thread for its expected output, then the items on
        /// <paramref name="threads"/> threads (item i on thread i % threads) for <see cref="Rounds"/> rounds; returns
        /// how many output elements differed bitwise from the expected ones.</summary>
        private static long Hammer<T>((Action<T[]> Call, int Length)[] items, int threads)
            where T : unmanaged
        {
            var expected = items.Select(item =>
            {
                var output = new T[item.Length];
                item.Call(output);
                return output;
            }).ToArray();

            long wrong = 0;
            using var start = new Barrier(threads);
            var tasks = Enumerable.Range(0, threads).Select(t => Task.Factory.StartNew(
                () =>
                {
                    var mine = Enumerable.Range(0, items.Length).Where(i => i % threads == t).ToArray();
                    var outputs = mine.Select(i => new T[items[i].Length]).ToArray();
                    long localWrong = 0;
                    start.SignalAndWait();
                    for (int round = 0; round < Rounds; round++)
                    {
                        for (int k = 0; k < mine.Length; k++)
                        {
                            items[mine[k]].Call(outputs[k]);
                            var e = MemoryMarshal.AsBytes(expected[mine[k]].AsSpan());
                            var a = MemoryMarshal.AsBytes(outputs[k].AsSpan());
                            int size = e.Length / outputs[k].Length;
                            for (int i = 0; i < outputs[k].Length; i++)
                            {
                                if (!e.Slice(i * size, size).SequenceEqual(a.Slice(i * size, size)))
                                {
                                    localWrong++;
                                }
                            }
                        }
                    }

                    Interlocked.Add(ref wrong, localWrong);
                },
                TaskCreationOptions.LongRunning)).ToArray();
            Task.WaitAll(tasks);
            return wrong;
        }
    }
}
