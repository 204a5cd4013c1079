using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.Loader;
using NormGen.Configuration;
using NormGen.Transforms.Tests.Generator;
using NormGen.Transforms.Tests.Scaling;
using NormGen.Transforms.Tests.WeightNormalization;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace NormGen.Transforms.Tests.Fuzzing
{
    /// <summary>
    /// Random-configuration differential testing of the scalers and weight normalisation: random valid
    /// <c>[StandardScaler]</c>, <c>[MinMaxScaler]</c> (kept extents fixed or given to the constructor) and
    /// <c>[WeightNormalize]</c> declarations, compiled in memory through
    /// the generator into one assembly per seed, each checked against the plain double references
    /// (<see cref="ScalerReference"/>, <see cref="WeightNormReference"/>) under the tolerances the scaler and weight
    /// normalisation tests use. Seeds work as in the layers' configuration fuzzing: fixed seeds and a fresh one per run,
    /// <c>NORMGEN_FUZZ_SEED</c> replaces the fresh seed, <c>NORMGEN_FUZZ_CONFIGURATIONS</c> sets its count, and a failure
    /// names the case's own seed, which <c>NORMGEN_FUZZ_CASE</c> replays alone.
    /// </summary>
    [Trait("Category", "Fuzz")]
    public sealed class TransformConfigurationFuzzTests
    {
        private const int ConfigurationsPerSeed = 150;

        private readonly ITestOutputHelper _output;

        public TransformConfigurationFuzzTests(ITestOutputHelper output) => _output = output;

        public static TheoryData<int> FixedSeeds => new() { 20261204, 31337 };

        [Theory]
        [MemberData(nameof(FixedSeeds))]
        public void FixedSeed(int seed) => Run(seed, CaseSeeds(seed, ConfigurationsPerSeed));

        [Fact]
        public void FreshSeed()
        {
            if (Environment.GetEnvironmentVariable("NORMGEN_FUZZ_CASE") is { Length: > 0 } replay)
            {
                Run(null, new[] { int.Parse(replay, CultureInfo.InvariantCulture) });
                return;
            }

            int seed = Environment.GetEnvironmentVariable("NORMGEN_FUZZ_SEED") is { Length: > 0 } given
                ? int.Parse(given, CultureInfo.InvariantCulture)
                : Random.Shared.Next();
            int count = Environment.GetEnvironmentVariable("NORMGEN_FUZZ_CONFIGURATIONS") is { Length: > 0 } n
                ? int.Parse(n, CultureInfo.InvariantCulture)
                : ConfigurationsPerSeed;
            _output.WriteLine($"Fresh seed {seed} (replay the run with NORMGEN_FUZZ_SEED={seed}), {count} configurations.");
            Run(seed, CaseSeeds(seed, count));
        }

        /// <summary>The check can fail: a scaler whose reference is told another feature range, and a weight
        /// normalisation whose reference is told another epsilon, are reported.</summary>
        [Fact]
        public void TheCheckReportsATransformThatDiffersFromItsDeclaration()
        {
            var scaler = Enumerable.Range(0, 1000).Select(i => TransformCase.Draw(i)).First(c => c.Scaler is { Kind: ScalerKind.MinMax });
            var weight = Enumerable.Range(0, 1000).Select(i => TransformCase.Draw(i)).First(c => c.Weight is not null);
            var context = Compile(new[] { scaler, weight });
            try
            {
                var assembly = context.Assemblies.Single();
                Assert.True(Check(TransformCase.Draw(scaler.Seed), assembly.GetType("Sample.Case0")!) > 0);
                Assert.True(Check(TransformCase.Draw(weight.Seed), assembly.GetType("Sample.Case1")!) > 0);

                var wrongRange = TransformCase.Draw(scaler.Seed);
                wrongRange.Scaler = wrongRange.Scaler! with { FeatureRangeMax = wrongRange.Scaler.FeatureRangeMax + 0.5 };
                Assert.ThrowsAny<XunitException>(() => Check(wrongRange, assembly.GetType("Sample.Case0")!));

                var wrongEpsilon = TransformCase.Draw(weight.Seed);
                wrongEpsilon.ReferenceEpsilon = 10;
                Assert.ThrowsAny<XunitException>(() => Check(wrongEpsilon, assembly.GetType("Sample.Case1")!));
            }
            finally
            {
                context.Unload();
            }
        }

        private static int[] CaseSeeds(int seed, int count)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, count).Select(_ => random.Next()).ToArray();
        }

        private void Run(int? runSeed, int[] caseSeeds)
        {
            var cases = caseSeeds.Select(TransformCase.Draw).ToArray();
            var context = Compile(cases);
            var failures = new List<string>();
            int checks = 0;
            try
            {
                var assembly = context.Assemblies.Single();
                for (int i = 0; i < cases.Length; i++)
                {
                    try
                    {
                        var type = assembly.GetType("Sample.Case" + i)
                            ?? throw new XunitException("the generator wrote no class for a declaration the validator accepts.");
                        checks += Check(TransformCase.Draw(cases[i].Seed), type);
                    }
                    catch (Exception exception)
                    {
                        string kind = exception is XunitException ? "" : exception.GetType().FullName + ": ";
                        failures.Add($"case {cases[i].Seed}: [{cases[i].Attribute}] {kind}{exception.Message}\n    replay: {SimdSettings()}NORMGEN_FUZZ_CASE={cases[i].Seed} dotnet test tests/NormGen.Transforms.Tests --filter FullyQualifiedName~TransformConfigurationFuzzTests.FreshSeed");
                    }
                }
            }
            finally
            {
                context.Unload();
            }

            _output.WriteLine($"{cases.Length} configurations ({cases.Count(c => c.Scaler is not null)} scalers ({cases.Count(c => c.Constructed.Count > 0)} with extents given to the constructor), {cases.Count(c => c.Weight is not null)} weight normalisations, {cases.Count(c => c.IsDouble)} double), {checks} checks.");
            Assert.True(
                failures.Count == 0,
                $"{failures.Count} of {cases.Length} configurations differ from the reference{(runSeed is { } r ? " (run seed " + r + ")" : "")}:\n" + string.Join("\n", failures.Take(20)));
        }

        /// <summary>The Vector&lt;T&gt; settings of this run as a command prefix, so a replay takes the same code paths.</summary>
        private static string SimdSettings() => string.Concat(Environment.GetEnvironmentVariables().Keys.Cast<string>()
            .Where(name => name.StartsWith("DOTNET_Enable", StringComparison.Ordinal) || name.StartsWith("DOTNET_MaxVectorTBitWidth", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(name => name + "=" + Environment.GetEnvironmentVariable(name) + " "));

        private static int Check(TransformCase fuzzCase, Type type) => fuzzCase.IsDouble ? new TransformCheck<double>(fuzzCase, type).Run() : new TransformCheck<float>(fuzzCase, type).Run();

        private static AssemblyLoadContext Compile(TransformCase[] cases)
        {
            var sources = cases.Select((c, i) => "using NormGen;\nnamespace Sample\n{\n    [" + c.Attribute + "]\n    public partial class Case" + i + " { }\n}\n").ToArray();
            var compilation = Harness.Compile(sources);
            var driver = Harness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
            Assert.Null(driver.GetRunResult().Results.Single().Exception);
            using var image = new MemoryStream();
            var emitted = output.Emit(image);
            var diagnostics = generatorDiagnostics.AddRange(emitted.Diagnostics);
            Assert.True(
                emitted.Success && diagnostics.IsEmpty,
                string.Join("\n", cases.Select((c, i) => $"Case{i}: [{c.Attribute}]")) + "\n" + Harness.Describe(diagnostics));
            image.Position = 0;
            var context = new AssemblyLoadContext("transform-fuzz", isCollectible: true);
            context.LoadFromStream(image);
            return context;
        }
    }

    /// <summary>A random valid scaler or weight normalisation declaration, and the random stream that draws its data.</summary>
    internal sealed class TransformCase
    {
        private TransformCase(int seed, Random random)
        {
            Seed = seed;
            Random = random;
        }

        public int Seed { get; }

        public Random Random { get; }

        public string Attribute { get; private set; } = "";

        public bool IsDouble { get; private set; }

        /// <summary>The scaler's options, or null for a weight normalisation.</summary>
        public ScalerOptions? Scaler { get; set; }

        /// <summary>A scaler's kept extents given to the constructor, by axis letter.</summary>
        public Dictionary<char, int> Constructed { get; } = new();

        /// <summary>The weight's shape, or null for a scaler.</summary>
        public int[]? Weight { get; private set; }

        /// <summary>The declared Dim (0 when not written).</summary>
        public int Dim { get; private set; }

        public double Epsilon { get; private set; }

        /// <summary>The epsilon the reference is told (the declared one unless a test says otherwise).</summary>
        public double ReferenceEpsilon { get; set; }

        public static TransformCase Draw(int seed)
        {
            var random = new Random(seed);
            var drawn = new TransformCase(seed, random) { IsDouble = random.Next(2) == 0 };
            string element = drawn.IsDouble ? "<double>" : random.Next(2) == 0 ? "" : "<float>";
            if (random.Next(2) == 0)
            {
                drawn.DrawWeightNormalization(element);
            }
            else
            {
                while (!drawn.DrawScaler(element))
                {
                }
            }

            return drawn;
        }

        private void DrawWeightNormalization(string element)
        {
            int rank = 1 + Random.Next(4);
            var shape = new int[rank];
            for (int attempt = 0; attempt == 0 || shape.Aggregate(1, (p, e) => p * e) > 600; attempt++)
            {
                for (int d = 0; d < rank; d++)
                {
                    shape[d] = 1 + Random.Next(attempt < 3 ? 9 : 4);
                }
            }

            Weight = shape;
            var parts = new List<string> { "Shape = new[] { " + string.Join(", ", shape) + " }" };
            Dim = Random.Next(4) == 0 ? 0 : Random.Next(-rank, rank);
            if (Dim != 0 || Random.Next(2) == 0)
            {
                parts.Add("Dim = " + Dim);
            }

            Epsilon = Random.Next(5) switch { < 3 => 0, 3 => 1e-6, _ => 0.25 };
            ReferenceEpsilon = Epsilon;
            if (Epsilon > 0)
            {
                parts.Add("Epsilon = " + Epsilon.ToString("R", CultureInfo.InvariantCulture));
            }

            Attribute = "WeightNormalize" + element + "(" + string.Join(", ", parts.OrderBy(_ => Random.Next())) + ")";
        }

        private bool DrawScaler(string element)
        {
            var letters = "NDHWL".OrderBy(_ => Random.Next()).Take(Random.Next(4)).ToList();
            letters.Insert(Random.Next(letters.Count + 1), 'C');
            var reduced = letters.Where(_ => Random.Next(2) == 0).ToList();
            if (reduced.Count == 0)
            {
                reduced.Add(letters[Random.Next(letters.Count)]);
            }

            // Kept axes (one statistic per index of them) are fixed or given to the constructor; reduced ones sometimes fixed.
            var extents = new Dictionary<char, int>();
            Constructed.Clear();
            foreach (char axis in letters)
            {
                int extent = 1 + Random.Next(axis == 'C' ? 9 : 5);
                if (!reduced.Contains(axis) && Random.Next(5) < 2)
                {
                    Constructed[axis] = extent;
                }
                else if (!reduced.Contains(axis) || Random.Next(10) < 3)
                {
                    extents[axis] = extent;
                }
            }

            bool minMax = Random.Next(2) == 0;
            double low = Random.Next(3) switch { 0 => 0, 1 => -1, _ => Math.Round(-3 * Random.NextDouble(), 3) };
            double high = low + (Random.Next(2) == 0 ? 1 : Math.Round(0.5 + (3 * Random.NextDouble()), 3));
            bool clip = minMax && Random.Next(3) == 0;
            var options = new ScalerOptions
            {
                Kind = minMax ? ScalerKind.MinMax : ScalerKind.Standard,
                Layout = new string(letters.ToArray()),
                Axes = string.Join(",", reduced),
                Channels = extents.GetValueOrDefault('C'),
                Batch = extents.GetValueOrDefault('N'),
                Depth = extents.GetValueOrDefault('D'),
                Height = extents.GetValueOrDefault('H'),
                Width = extents.GetValueOrDefault('W'),
                Length = extents.GetValueOrDefault('L'),
                FeatureRangeMin = minMax ? low : 0,
                FeatureRangeMax = minMax ? high : 1,
                Clip = clip,
                ElementType = IsDouble ? "double" : "float",
            };
            if (ScalerValidator.Validate(options).Configuration is null)
            {
                return false;
            }

            Scaler = options;
            var parts = new List<string> { $"Layout = \"{options.Layout}\"", $"Axes = \"{options.Axes}\"" };
            foreach (var (axis, name) in new[] { ('C', "Channels"), ('N', "Batch"), ('D', "Depth"), ('H', "Height"), ('W', "Width"), ('L', "Length") })
            {
                if (extents.TryGetValue(axis, out int extent))
                {
                    parts.Add(name + " = " + extent);
                }
            }

            if (minMax)
            {
                parts.Add("FeatureRangeMin = " + low.ToString("R", CultureInfo.InvariantCulture));
                parts.Add("FeatureRangeMax = " + high.ToString("R", CultureInfo.InvariantCulture));
                if (clip)
                {
                    parts.Add("Clip = true");
                }
            }

            Attribute = (minMax ? "MinMaxScaler" : "StandardScaler") + element + "(" + string.Join(", ", parts.OrderBy(_ => Random.Next())) + ")";
            return true;
        }
    }

    /// <summary>Drives one generated scaler or weight normalisation against its reference.</summary>
    internal sealed class TransformCheck<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly TransformCase _case;
        private readonly Type _type;
        private string _step = "construction";
        private int _checks;
        private (double Centre, double Spread) _distribution;

        public TransformCheck(TransformCase fuzzCase, Type type)
        {
            _case = fuzzCase;
            _type = type;
        }

        private static bool IsDouble => typeof(T) == typeof(double);

        public int Run()
        {
            try
            {
                if (_case.Scaler is not null)
                {
                    RunScaler();
                }
                else
                {
                    RunWeightNormalization();
                }
            }
            catch (Exception exception)
            {
                string kind = exception is XunitException ? "" : exception.GetType().FullName + ": ";
                throw new XunitException($"step '{_step}': {kind}{exception.Message}");
            }

            return _checks;
        }

        private void RunScaler()
        {
            var options = _case.Scaler!;
            var constructor = _type.GetConstructors().Single();
            var scaler = (IInputScaler<T>)constructor.Invoke(constructor.GetParameters().Select(p => (object)_case.Constructed[LetterOf(p.Name!)]).ToArray());
            string layout = options.Layout;
            var random = _case.Random;

            // The tolerances on a float scaler's statistics are relative to max(1, |statistic|), as in the scaler tests, so
            // float data stays within max(1, |centre|) of its centre: float statistics are only as exact as the values'
            // own magnitude allows (batches centred at +150 and -140 give a mean near 2 whose error is some ulps of 150).
            double centre = Math.Round(-100 + (200 * random.NextDouble()), 1) * (random.Next(3) == 0 ? 0.01 : 1);
            double widest = IsDouble ? 20 : Math.Min(20, Math.Max(1, Math.Abs(centre)));
            _distribution = (centre, random.Next(4) == 0 ? Math.Min(1, widest) : 0.1 + ((widest - 0.1) * random.NextDouble()));

            _step = "Transform before any Fit";
            var firstShape = DrawShape(options);
            var unfitted = new T[Count(firstShape)];
            Throws<InvalidOperationException>(() => scaler.Transform(new T[unfitted.Length], unfitted, firstShape), scaler, unfitted);

            // Fit one to three batches of their own shapes; the statistics gather every value of every batch.
            var values = new Dictionary<int, List<double>>();
            int fits = 1 + random.Next(3);
            for (int f = 0; f < fits; f++)
            {
                _step = $"Fit {f + 1} of {fits}";
                int[] shape = f == 0 ? firstShape : DrawShape(options);
                double[] data = Data(Count(shape));
                scaler.Fit(ToElements(data), shape);
                var reference = new ScalerReference(layout, options.Axes, shape);
                for (int i = 0; i < data.Length; i++)
                {
                    int s = reference.StatisticOf(i);
                    if (!values.TryGetValue(s, out var list))
                    {
                        values[s] = list = new List<double>();
                    }

                    list.Add(data[i]);
                }

                int statistics = values.Keys.Max() + 1;
                var all = Enumerable.Range(0, statistics).Select(s => values[s].ToArray()).ToArray();
                Equal(all[0].Length, scaler.Count, "Count");
                if (scaler is IStandardScaler<T> standard)
                {
                    Close(all.Select(v => v.Average()).ToArray(), standard.Mean, IsDouble ? 1e-12 : 1e-6, "Mean");
                    Close(all.Select(Variance).ToArray(), standard.Variance, IsDouble ? 1e-10 : 1e-4, "Variance");
                }
                else
                {
                    var minMax = (IMinMaxScaler<T>)scaler;
                    Close(all.Select(v => v.Min()).ToArray(), minMax.Min, 0, "Min");
                    Close(all.Select(v => v.Max()).ToArray(), minMax.Max, 0, "Max");
                }
            }

            var stats = Enumerable.Range(0, values.Count).Select(s => values[s].ToArray()).ToArray();
            _step = "Transform";
            int[] transformShape = DrawShape(options);
            double[] x = Data(Count(transformShape));
            var output = new T[x.Length];
            scaler.Transform(ToElements(x), output, transformShape);
            var map = new ScalerReference(layout, options.Axes, transformShape);
            double tolerance = IsDouble ? 1e-10 : 1e-4;
            var expected = x.Select((value, i) => Scale(options, stats[map.StatisticOf(i)], value)).ToArray();
            Close(expected, output, tolerance, "output");

            _step = "InverseTransform";
            var scaled = ToDoubles(output);
            var back = new T[x.Length];
            scaler.InverseTransform(output, back, transformShape);
            Close(scaled.Select((value, i) => Unscale(options, stats[map.StatisticOf(i)], value)).ToArray(), back, tolerance, "inverse");

            _step = "Transform into an output one element short";
            var shortOutput = new T[x.Length - 1];
            Throws<ArgumentException>(() => scaler.Transform(ToElements(x), shortOutput, transformShape), scaler, shortOutput);
            _step = "Fit on an input one element too long";
            Throws<ArgumentException>(() => scaler.Fit(new T[x.Length + 1], transformShape), scaler, output);
        }

        private void RunWeightNormalization()
        {
            int[] shape = _case.Weight!;
            int rank = shape.Length;
            int dim = _case.Dim == -1 ? -1 : _case.Dim < 0 ? rank + _case.Dim : _case.Dim;
            var layer = (IWeightNormalization<T>)Activator.CreateInstance(_type)!;
            Equal(string.Join(",", shape), string.Join(",", layer.Shape.ToArray()), "Shape");
            Equal(dim, layer.Dim, "Dim");
            Equal(dim == -1 ? 1 : shape[dim], layer.G.Length, "G.Length");
            int count = shape.Aggregate(1, (p, e) => p * e);
            Equal(count, layer.V.Length, "V.Length");

            // Rows well away from zero, signs mixed; with an epsilon, sometimes one row far below it (clamped).
            var random = _case.Random;
            double[] v = Round(Enumerable.Range(0, count).Select(i => (0.5 + random.NextDouble()) * (random.Next(3) == 0 ? -1 : 1)).ToArray());
            int rows = layer.G.Length;
            if (_case.Epsilon >= 0.25 && random.Next(2) == 0)
            {
                int row = random.Next(rows);
                v = Round(v.Select((x, i) => WeightNormReference.RowOf(shape, dim, i) == row ? x * 0.01 : x).ToArray());
            }

            double[] g = Round(Enumerable.Range(0, rows).Select(_ => -2 + (4 * random.NextDouble())).ToArray());
            ToElements(v).CopyTo(layer.V, 0);
            ToElements(g).CopyTo(layer.G, 0);
            double epsilon = _case.ReferenceEpsilon;

            _step = "ComputeWeight";
            var weight = new T[count];
            layer.ComputeWeight(weight);
            Close(WeightNormReference.Weight(shape, dim, v, g, epsilon), weight, IsDouble ? 1e-13 : 1e-5, "w");

            _step = "Backward (against central differences of the reference)";
            double[] r = Round(Enumerable.Range(0, count).Select(_ => -1 + (2 * random.NextDouble())).ToArray());
            layer.Backward(ToElements(r));
            const double h = 1e-6;
            var expectedV = v.Select((_, i) => Difference(shape, dim, v, g, r, epsilon, i, vary: true)).ToArray();
            var expectedG = g.Select((_, k) => Difference(shape, dim, v, g, r, epsilon, k, vary: false)).ToArray();
            double gradientTolerance = IsDouble ? 1e-7 : 1e-4;
            Close(expectedV, layer.VGrad, gradientTolerance, "dv");
            Close(expectedG, layer.GGrad, gradientTolerance, "dg");

            _step = "second Backward (gradients accumulate)";
            layer.Backward(ToElements(r));
            Close(expectedV.Select(x => 2 * x).ToArray(), layer.VGrad, gradientTolerance, "dv twice");
            Close(expectedG.Select(x => 2 * x).ToArray(), layer.GGrad, gradientTolerance, "dg twice");

            _step = "ComputeWeight into a span one element short";
            var shortWeight = new T[count - 1];
            ThrowsUnchanged(() => layer.ComputeWeight(shortWeight), layer, shortWeight);
            _step = "Backward with a gradient one element too long";
            ThrowsUnchanged(() => layer.Backward(new T[count + 1]), layer, weight);

            _step = "ZeroGrad";
            layer.ZeroGrad();
            _checks++;
            Assert.True(layer.VGrad.All(x => x == T.Zero) && layer.GGrad.All(x => x == T.Zero), "gradients not zero after ZeroGrad");

            _step = "InitializeFrom";
            double[] initial = Round(Enumerable.Range(0, count).Select(_ => (0.5 + random.NextDouble()) * (random.Next(2) == 0 ? -1 : 1)).ToArray());
            layer.InitializeFrom(ToElements(initial));
            Close(initial, layer.V, 0, "V");
            Close(WeightNormReference.Norms(shape, dim, initial, 0), layer.G, IsDouble ? 1e-14 : 1e-5, "G");
            layer.ComputeWeight(weight);
            Close(initial, weight, IsDouble ? 1e-14 : 1e-5, "w after InitializeFrom");

            static double Difference(int[] shape, int dim, double[] v, double[] g, double[] r, double epsilon, int index, bool vary)
            {
                var plus = (vary ? v : g).ToArray();
                var minus = (vary ? v : g).ToArray();
                plus[index] += h;
                minus[index] -= h;
                double up = vary ? WeightNormReference.Loss(shape, dim, plus, g, r, epsilon) : WeightNormReference.Loss(shape, dim, v, plus, r, epsilon);
                double down = vary ? WeightNormReference.Loss(shape, dim, minus, g, r, epsilon) : WeightNormReference.Loss(shape, dim, v, minus, r, epsilon);
                return (up - down) / (2 * h);
            }
        }

        private static char LetterOf(string parameterName) => parameterName switch
        {
            "batch" => 'N',
            "channels" => 'C',
            "depth" => 'D',
            "height" => 'H',
            "width" => 'W',
            "length" => 'L',
            _ => throw new XunitException("unexpected constructor parameter " + parameterName),
        };

        private int[] DrawShape(ScalerOptions options)
        {
            var shape = new int[options.Layout.Length];
            for (int attempt = 0; attempt == 0 || Count(shape) > 2000; attempt++)
            {
                for (int a = 0; a < shape.Length; a++)
                {
                    int known = options.FixedExtent((Axis)AxisNames.Letters.IndexOf(options.Layout[a]));
                    known = known > 0 ? known : _case.Constructed.GetValueOrDefault(options.Layout[a]);
                    shape[a] = known > 0 ? known : 1 + _case.Random.Next(attempt < 3 ? 7 : 2);
                }
            }

            return shape;
        }

        /// <summary>Values of the case's distribution (every batch of one scaler is drawn from the same data, as batches of
        /// one data set are); sometimes rounded to whole numbers, so some statistics see one value only (a constant
        /// feature).</summary>
        private double[] Data(int count)
        {
            var random = _case.Random;
            var (centre, spread) = _distribution;
            bool whole = random.Next(6) == 0;
            return Round(Enumerable.Range(0, count).Select(_ =>
            {
                double value = centre + (spread * ((2 * random.NextDouble()) - 1));
                return whole ? Math.Round(value) : value;
            }).ToArray());
        }

        private static double Variance(double[] values)
        {
            double mean = values.Average();
            return values.Sum(x => (x - mean) * (x - mean)) / values.Length;
        }

        /// <summary>Z-score with std 1 for a constant feature; Min-Max with range 1 for one, clamped when Clip.</summary>
        private static double Scale(ScalerOptions options, double[] values, double x)
        {
            if (options.Kind == ScalerKind.Standard)
            {
                double variance = Variance(values);
                return (x - values.Average()) / (variance == 0 ? 1 : Math.Sqrt(variance));
            }

            double min = values.Min();
            double range = values.Max() == min ? 1 : values.Max() - min;
            double scaled = ((x - min) / range * (options.FeatureRangeMax - options.FeatureRangeMin)) + options.FeatureRangeMin;
            return options.Clip ? Math.Clamp(scaled, options.FeatureRangeMin, options.FeatureRangeMax) : scaled;
        }

        private static double Unscale(ScalerOptions options, double[] values, double scaled)
        {
            if (options.Kind == ScalerKind.Standard)
            {
                double variance = Variance(values);
                return (scaled * (variance == 0 ? 1 : Math.Sqrt(variance))) + values.Average();
            }

            double min = values.Min();
            double range = values.Max() == min ? 1 : values.Max() - min;
            return ((scaled - options.FeatureRangeMin) / (options.FeatureRangeMax - options.FeatureRangeMin) * range) + min;
        }

        private void Throws<TException>(Action call, IInputScaler<T> scaler, T[] buffer)
            where TException : Exception
        {
            _checks++;
            var before = ScalerState(scaler).Append(buffer.ToArray()).ToArray();
            var count = scaler.Count;
            var thrown = Record.Exception(call);
            Assert.True(thrown is TException, $"expected {typeof(TException).Name}, got {(thrown is null ? "no exception" : thrown.GetType().Name + ": " + thrown.Message)}");
            var after = ScalerState(scaler).Append(buffer).ToArray();
            Assert.True(before.Zip(after).All(p => p.First.SequenceEqual(p.Second)) && count == scaler.Count, "the call that threw changed the scaler or its output");
        }

        private void ThrowsUnchanged(Action call, IWeightNormalization<T> layer, T[] buffer)
        {
            _checks++;
            var before = new[] { layer.V, layer.G, layer.VGrad, layer.GGrad, buffer }.Select(a => a.ToArray()).ToArray();
            var thrown = Record.Exception(call);
            Assert.True(thrown is ArgumentException, $"expected ArgumentException, got {(thrown is null ? "no exception" : thrown.GetType().Name + ": " + thrown.Message)}");
            var after = new[] { layer.V, layer.G, layer.VGrad, layer.GGrad, buffer };
            Assert.True(before.Zip(after).All(p => p.First.SequenceEqual(p.Second)), "the call that threw changed the weight normalisation or its output");
        }

        private static IEnumerable<T[]> ScalerState(IInputScaler<T> scaler) => scaler switch
        {
            IStandardScaler<T> standard => new[] { standard.Mean, standard.Variance },
            IMinMaxScaler<T> minMax => new[] { minMax.Min, minMax.Max },
            _ => Array.Empty<T[]>(),
        };

        /// <summary>|actual - expected| ≤ tolerance · max(1, |expected|), as the scaler and weight normalisation tests.</summary>
        private void Close(double[] expected, T[] actual, double tolerance, string what)
        {
            _checks++;
            TestData.AssertClose(expected, ToDoubles(actual), tolerance, what);
        }

        private void Equal<TValue>(TValue expected, TValue actual, string what)
        {
            _checks++;
            Assert.True(Equals(expected, actual), string.Format(CultureInfo.InvariantCulture, "{0}: expected {1}, actual {2}", what, expected, actual));
        }

        private static int Count(int[] shape) => shape.Aggregate(1, (p, e) => p * e);

        private static double[] Round(double[] values) => values.Select(x => double.CreateTruncating(T.CreateTruncating(x))).ToArray();

        private static T[] ToElements(double[] values) => values.Select(T.CreateTruncating).ToArray();

        private static double[] ToDoubles(T[] values) => values.Select(double.CreateTruncating).ToArray();
    }
}
