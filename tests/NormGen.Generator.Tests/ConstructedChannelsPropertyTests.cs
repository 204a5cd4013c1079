using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using CsCheck;
using NormGen.Configuration;
using NormGen.Generator.Tests.Infrastructure;

namespace NormGen.Generator.Tests
{
    /// <summary>
    /// Every random configuration the validator accepts with <c>Channels</c> in the attribute is accepted without it, and
    /// the layer constructed with the same count computes bit for bit what the fixed one computes: training Forward,
    /// Backward (input and parameter gradients), running statistics, eval Forward. One exception: a channels-last layer
    /// (C innermost, the axis before it reduced) with groups of one channel fixed at compile time takes the one-channel
    /// statistics kernels, which add in another order than the grouped kernels a constructed count takes (its group
    /// size is not known until construction); there the two agree to rounding.
    /// </summary>
    public sealed class ConstructedChannelsPropertyTests
    {
        [Fact]
        public void ALayerConstructedWithTheChannelCountMatchesTheOneFixedInTheAttributeBitForBit()
        {
            int compared = 0;
            RandomConfigurationTests.Options.Where(o => ConfigurationValidator.Validate(o).Configuration is not null).Array[6].Sample(
                configurations =>
                {
                    var sources = configurations.SelectMany((o, i) => new[]
                    {
                        LayerSource.Class("Fixed" + i, RandomConfigurationTests.Attribute(o)),
                        LayerSource.Class("Constructed" + i, RandomConfigurationTests.Attribute(o).Replace("Channels = " + o.Channels + ", ", "")),
                    }).ToArray();
                    var run = GeneratorHarness.Run(sources);
                    Assert.Null(run.Exception);
                    Assert.True(run.OutputDiagnostics.IsEmpty, GeneratorHarness.Describe(run.OutputDiagnostics));
                    var assembly = Load(run);
                    for (int i = 0; i < configurations.Length; i++)
                    {
                        Compare(configurations[i], assembly.GetType("Sample.Fixed" + i)!, assembly.GetType("Sample.Constructed" + i)!, i);
                        compared++;
                    }
                },
                iter: 5,
                print: configurations => string.Join("; ", configurations.Select(RandomConfigurationTests.Attribute)));

            Assert.True(compared >= 30, compared + " configurations compared");
        }

        private static void Compare(NormalizeOptions options, Type fixedType, Type constructedType, int seed)
        {
            var shape = options.Layout.Select(letter => Extent(options, letter, seed)).ToArray();
            var fixedLayer = Create(fixedType, options, shape);
            var constructed = Create(constructedType, options, shape);
            Assert.Equal(options.Channels, ((dynamic)constructed).Channels);

            int c = options.Layout.IndexOf('C');
            bool groupsOfOneChannelLast = options.GroupsSet && options.Groups == options.Channels
                && c == options.Layout.Length - 1 && c > 0 && !options.Axes.Contains('C') && options.Axes.Contains(options.Layout[c - 1]);
            if (options.ElementType == "double")
            {
                Run<double>(fixedLayer, constructed, shape, seed, groupsOfOneChannelLast ? 1e-12 : 0);
            }
            else
            {
                Run<float>(fixedLayer, constructed, shape, seed, groupsOfOneChannelLast ? 2e-5 : 0);
            }
        }

        private static void Run<T>(object fixedObject, object constructedObject, int[] shape, int seed, double tolerance)
            where T : unmanaged
        {
            var a = (INormalizationLayer<T>)fixedObject;
            var b = (INormalizationLayer<T>)constructedObject;
            int count = shape.Aggregate(1, (p, e) => p * e);
            var random = new Random(seed);
            var x = Enumerable.Range(0, count).Select(_ => (T)Convert.ChangeType(random.NextDouble() * 4 - 1, typeof(T))).ToArray();
            var dy = Enumerable.Range(0, count).Select(_ => (T)Convert.ChangeType(random.NextDouble() - 0.5, typeof(T))).ToArray();
            Assert.Equal(a.Layout, b.Layout);
            Assert.Equal(a.ParameterShape.ToArray(), b.ParameterShape.ToArray());

            foreach (bool training in new[] { true, false })
            {
                a.Training = b.Training = training;
                var ya = new T[count];
                var yb = new T[count];
                var ea = Record(() => a.Forward(x, ya, shape));
                var eb = Record(() => b.Forward(x, yb, shape));
                Assert.Equal(ea?.GetType(), eb?.GetType());
                if (ea is not null)
                {
                    continue;
                }

                Same(ya, yb, tolerance);
                var dxa = new T[count];
                var dxb = new T[count];
                a.Backward(x, dy, dxa, shape);
                b.Backward(x, dy, dxb, shape);
                Same(dxa, dxb, tolerance);
                Same(a.WeightGrad, b.WeightGrad, tolerance);
                Same(a.BiasGrad, b.BiasGrad, tolerance);
                Same(a.RunningMean, b.RunningMean, tolerance);
                Same(a.RunningVar, b.RunningVar, tolerance);
                Assert.Equal(a.NumBatchesTracked, b.NumBatchesTracked);
            }
        }

        /// <summary>Bit for bit when <paramref name="tolerance"/> is 0, else within it relative to the larger magnitude (at least 1).</summary>
        private static void Same<T>(T[]? expected, T[]? actual, double tolerance)
            where T : unmanaged
        {
            if (tolerance == 0 || expected is null || actual is null)
            {
                Assert.Equal(expected, actual);
                return;
            }

            Assert.Equal(expected.Length, actual.Length);
            for (int i = 0; i < expected.Length; i++)
            {
                double e = Convert.ToDouble(expected[i]);
                double a = Convert.ToDouble(actual[i]);
                Assert.True(Math.Abs(e - a) <= tolerance * Math.Max(1, Math.Max(Math.Abs(e), Math.Abs(a))), $"[{i}]: {e} against {a}");
            }
        }

        private static Exception? Record(Action action)
        {
            try
            {
                action();
                return null;
            }
            catch (ArgumentException exception)
            {
                return exception;
            }
        }

        /// <summary>A fixed extent as written; otherwise a small one of the seed's choosing (at least 2 for the batch).</summary>
        private static int Extent(NormalizeOptions options, char letter, int seed)
        {
            var axis = (Axis)AxisNames.Letters.IndexOf(letter);
            int written = options.FixedExtent(axis);
            return written > 0 ? written : 2 + (seed + letter) % 3;
        }

        /// <summary>Calls the constructor with the extents it names (channels, and the element-wise ones not fixed).</summary>
        private static object Create(Type type, NormalizeOptions options, int[] shape)
        {
            var constructor = type.GetConstructors().Single();
            var arguments = constructor.GetParameters()
                .Select(p => (object)shape[options.Layout.IndexOf(AxisNames.Letters[Array.FindIndex(Enum.GetValues<Axis>(), a => a.ParameterName() == p.Name)])])
                .ToArray();
            return constructor.Invoke(arguments);
        }

        private static Assembly Load(GeneratorRun run)
        {
            using var image = new MemoryStream();
            var emitted = run.OutputCompilation.Emit(image);
            Assert.True(emitted.Success, GeneratorHarness.Describe(emitted.Diagnostics));
            image.Position = 0;
            return new AssemblyLoadContext(null, isCollectible: true).LoadFromStream(image);
        }
    }
}
