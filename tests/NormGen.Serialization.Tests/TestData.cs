using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NormGen.Serialization;

namespace NormGen.Serialization.Tests
{
    /// <summary>Random inputs, layers trained a few steps so their state is not the initial one, and snapshots of state.</summary>
    internal static class TestData
    {
        public static float[] Random(int count, int seed, double scale = 1, double shift = 0)
        {
            var random = new Random(seed);
            var values = new float[count];
            for (int i = 0; i < count; i++) values[i] = (float)(shift + scale * (random.NextDouble() * 2 - 1));
            return values;
        }

        public static double[] RandomDouble(int count, int seed)
        {
            var random = new Random(seed);
            var values = new double[count];
            for (int i = 0; i < count; i++) values[i] = random.NextDouble() * 2 - 1;
            return values;
        }

        /// <summary>Training forwards and backwards with random data, then a parameter step, so weight, bias (where the
        /// layer has one) and running statistics all move away from their initial values.</summary>
        public static void Train<TTensor, T>(INormalizationLayer<TTensor, T> layer, int[] shape, int seed)
            where TTensor : unmanaged
            where T : unmanaged
        {
            int count = shape.Aggregate(1, (a, b) => a * b);
            for (int step = 0; step < 3; step++)
            {
                TTensor[] input = Cast<TTensor>(Random(count, seed + step, 2, 0.3));
                TTensor[] grad = Cast<TTensor>(Random(count, seed + 100 + step));
                var output = new TTensor[count];
                var inputGrad = new TTensor[count];
                layer.Training = true;
                layer.Forward(input, output, shape);
                layer.Backward(input, grad, inputGrad, shape);
                if (layer.Weight is not null)
                {
                    Step(layer.Weight, layer.WeightGrad!);
                    if (layer.Bias is not null)
                    {
                        Step(layer.Bias, layer.BiasGrad!);
                    }

                    layer.ZeroGrad();
                }
            }
        }

        public static T[] Cast<T>(float[] values)
            where T : unmanaged =>
            typeof(T) == typeof(float) ? (T[])(object)values
            : typeof(T) == typeof(Half) ? (T[])(object)values.Select(v => (Half)v).ToArray()
            : (T[])(object)values.Select(v => (double)v).ToArray();

        /// <summary>Saves <paramref name="trained"/> to a safetensors file under <paramref name="prefix"/>, loads it into
        /// <paramref name="loaded"/> under <paramref name="loadPrefix"/> (the same prefix unless given), and checks that the
        /// state and the eval outputs on one input are the same.</summary>
        public static void AssertFileRoundTrip<TTensor, T>(
            INormalizationLayer<TTensor, T> trained, INormalizationLayer<TTensor, T> loaded, int[] shape, string prefix, string? loadPrefix = null)
            where TTensor : unmanaged
            where T : unmanaged
        {
            string path = TempFile("layer.safetensors");
            SafeTensors.Save(trained.ToStateDict(prefix), path);
            using (SafeTensorsFile file = SafeTensors.Open(path)) loaded.LoadStateDict(file.Tensors, loadPrefix ?? prefix);

            Assert.Equal(Snapshot(trained), Snapshot(loaded));
            TTensor[] input = Cast<TTensor>(Random(shape.Aggregate(1, (a, b) => a * b), 9, 3));
            var expected = new TTensor[input.Length];
            var actual = new TTensor[input.Length];
            trained.Training = false;
            loaded.Training = false;
            trained.Forward(input, expected, shape);
            loaded.Forward(input, actual, shape);
            Assert.Equal(expected, actual);
        }

        /// <summary>Everything a load may write, as numbers, to compare before and after.</summary>
        public static List<double> Snapshot<TTensor, T>(INormalizationLayer<TTensor, T> layer)
            where TTensor : unmanaged
            where T : unmanaged
        {
            var all = new List<double>();
            foreach (T[]? array in new[] { layer.Weight, layer.Bias, layer.RunningMean, layer.RunningVar })
            {
                if (array is not null) all.AddRange(ToDoubles(array));
            }

            all.Add(layer.NumBatchesTracked);
            return all;
        }

        public static IEnumerable<double> ToDoubles<T>(T[] array)
            where T : unmanaged =>
            array.Select(v => Convert.ToDouble(v, System.Globalization.CultureInfo.InvariantCulture));

        public static byte[] ToBytes(StateDict state)
        {
            var stream = new MemoryStream();
            SafeTensors.Save(state, stream);
            return stream.ToArray();
        }

        /// <summary>A file path under the test's temporary folder, deleted with it.</summary>
        public static string TempFile(string name)
        {
            string folder = Path.Combine(Path.GetTempPath(), "normgen-serialization-tests", Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            return Path.Combine(folder, name);
        }

        private static void Step<T>(T[] parameter, T[] grad)
            where T : unmanaged
        {
            for (int i = 0; i < parameter.Length; i++)
            {
                if (parameter is float[] f) f[i] -= 0.5f * ((float[])(object)grad)[i];
                else ((double[])(object)parameter)[i] -= 0.5 * ((double[])(object)grad)[i];
            }
        }
    }
}
