using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NormGen.Configuration;
using NormGen.Tests.Reference;

namespace NormGen.Generator.Tests.Fuzzing
{
    /// <summary>
    /// One random valid <c>[Normalize]</c> declaration, drawn from a single seed: the layout (any order of the letters),
    /// the reduced axes (any non-empty subset), groups, fixed extents, the channel count in the attribute or at
    /// construction, <c>Affine</c>, <c>Epsilon</c>, <c>Momentum</c>, <c>TrackRunningStats</c>, <c>CumulativeAverage</c>,
    /// <c>Center</c>, <c>Activation</c>, <c>Residual</c> and the element type (float, double or Half). The same <see cref="Random"/> then draws the extents given to the constructor, the
    /// per-call shapes and the data, so the seed alone replays the whole case.
    /// </summary>
    internal sealed class FuzzCase
    {
        /// <summary>Upper bound on the elements of one call, so the double reference stays fast.</summary>
        private const int MaxElements = 4096;

        /// <summary>Upper bound for a case with large shapes: statistics of more values than fit in 32 KB (the kernels
        /// that read the input twice), and channels-last inputs of several chunks.</summary>
        private const int MaxLargeElements = 40000;

        private const string HalfType = "System.Half";

        private static readonly string OptionalAxes = "NDHWL";

        private FuzzCase(int seed, Random random, NormalizeOptions options, double epsilon, int channels, string attribute, int rejected)
        {
            Seed = seed;
            Random = random;
            Options = options;
            Attribute = attribute;
            Rejected = rejected;
            Layout = options.Layout;
            Large = random.Next(20) == 0;
            Spec = new NormSpec(
                options.Layout,
                options.Axes,
                options.GroupsSet ? options.Groups : 0,
                epsilon,
                options.Momentum,
                options.CumulativeAverage,
                options.Affine,
                options.TrackRunningStats ?? NormSpec.DefaultTrackRunningStats(options.Layout, options.Axes, options.Center),
                options.Center,
                (NormActivation)options.Activation,
                (NormResidual)options.Residual);

            // The constructor takes the channel count when the attribute has none, and the extents an element-wise
            // affine needs (C reduced: the reduced axes but N) that the attribute does not fix, in layout order.
            bool elementwise = options.Affine && Spec.IsReduced('C');
            long known = channels * Layout.Where(axis => axis != 'C').Select(FixedExtent).Where(e => e > 0).Aggregate(1L, (p, e) => p * e);
            foreach (char axis in Layout)
            {
                if (FixedExtent(axis) > 0)
                {
                    continue;
                }

                if (axis == 'C')
                {
                    Constructed['C'] = channels;
                }
                else if (elementwise && axis != 'N' && Spec.IsReduced(axis))
                {
                    int extent = 1 + random.Next(6);
                    extent = known * extent <= 1024 ? extent : 1;
                    Constructed[axis] = extent;
                    known *= extent;
                }
            }
        }

        /// <summary>The seed everything in this case is drawn from.</summary>
        public int Seed { get; }

        /// <summary>The attribute as written in the source, e.g. <c>Normalize&lt;double&gt;(Layout = "NHWC", ...)</c>.</summary>
        public string Attribute { get; }

        public NormalizeOptions Options { get; }

        /// <summary>The memory layout (also when the attribute leaves it to the default).</summary>
        public string Layout { get; }

        /// <summary>What the layer computes, for the reference; running statistics by the documented default rule.</summary>
        public NormSpec Spec { get; private set; }

        /// <summary>Extents given to the constructor, by axis letter.</summary>
        public Dictionary<char, int> Constructed { get; } = new();

        /// <summary>Declarations the validator rejected before this one was drawn (they are compiled too, and must
        /// produce no code).</summary>
        public int Rejected { get; }

        public bool IsDouble => Options.ElementType == "double";

        /// <summary>16-bit tensors (<c>[Normalize&lt;System.Half&gt;]</c>); parameters and arithmetic in float.</summary>
        public bool IsHalf => Options.ElementType == HalfType;

        /// <summary>Per-call extents are drawn large (up to <see cref="MaxLargeElements"/> elements a call).</summary>
        public bool Large { get; }

        /// <summary>Draws data and per-call extents, continuing the seed's sequence.</summary>
        public Random Random { get; }

        /// <summary>Draws declarations from <paramref name="seed"/> until the validator accepts one.</summary>
        public static FuzzCase Draw(int seed, List<string>? rejectedAttributes = null) => Draw(seed, rejectedAttributes, spec => spec);

        /// <summary>The case of <paramref name="seed"/> with the reference told <paramref name="alter"/>(spec) instead of
        /// what the attribute declares: for the tests that show a wrong layer is caught.</summary>
        public static FuzzCase Draw(int seed, List<string>? rejectedAttributes, Func<NormSpec, NormSpec> alter)
        {
            var random = new Random(seed);
            int rejected = 0;
            while (true)
            {
                var (options, channels, attribute) = DrawDeclaration(random);
                if (ConfigurationValidator.Validate(options).Configuration is { } configuration)
                {
                    // The epsilon the layer uses: as written, else the default (RMSNorm's is the element type's machine epsilon).
                    var drawn = new FuzzCase(seed, random, options, configuration.Epsilon, channels, attribute, rejected);
                    drawn.Spec = alter(drawn.Spec);
                    return drawn;
                }

                rejected++;
                rejectedAttributes?.Add(attribute);
            }
        }

        /// <summary>The extent written in the attribute for <paramref name="axis"/>, or 0.</summary>
        public int FixedExtent(char axis) => axis switch
        {
            'N' => Options.Batch,
            'C' => Options.Channels,
            'D' => Options.Depth,
            'H' => Options.Height,
            'W' => Options.Width,
            'L' => Options.Length,
            _ => throw new ArgumentOutOfRangeException(nameof(axis)),
        };

        /// <summary>Constructor arguments in parameter order, matched by the documented parameter names.</summary>
        public object[] ConstructorArguments(System.Reflection.ParameterInfo[] parameters) =>
            parameters.Select(p => (object)Constructed[LetterOf(p.Name!)]).ToArray();

        /// <summary>A full shape: fixed and constructed extents as they are, the per-call ones drawn (at most
        /// <see cref="MaxElements"/> elements).</summary>
        public int[] DrawShape()
        {
            var shape = new int[Layout.Length];
            for (int attempt = 0; ; attempt++)
            {
                for (int a = 0; a < Layout.Length; a++)
                {
                    char axis = Layout[a];
                    int known = FixedExtent(axis) > 0 ? FixedExtent(axis) : Constructed.GetValueOrDefault(axis);
                    shape[a] = known > 0 ? known : attempt >= 10 ? 1 : DrawPerCallExtent(axis, attempt);
                }

                if (attempt >= 10 || shape.Aggregate(1L, (p, e) => p * e) <= (Large ? MaxLargeElements : MaxElements))
                {
                    return shape;
                }
            }
        }

        /// <summary>The axes whose extents each call gives.</summary>
        public bool HasPerCallAxes => Layout.Any(axis => FixedExtent(axis) == 0 && !Constructed.ContainsKey(axis));

        /// <summary>Uniform values in centre ± spread, rounded to the tensors' element type (Half for a Half layer).</summary>
        public double[] Values(int count, double centre, double spread) => Values(count, centre, spread, IsHalf);

        /// <summary>Uniform values in centre ± spread, rounded to the parameters' type (float for a Half layer).</summary>
        public double[] ParameterValues(int count, double centre, double spread) => Values(count, centre, spread, false);

        private double[] Values(int count, double centre, double spread, bool half)
        {
            var values = new double[count];
            for (int i = 0; i < count; i++)
            {
                double value = centre + (spread * ((2 * Random.NextDouble()) - 1));
                values[i] = IsDouble ? value : half ? (double)(Half)value : (float)value;
            }

            return values;
        }

        public override string ToString() => $"[{Attribute}]";

        private int DrawPerCallExtent(char axis, int attempt)
        {
            // Mostly small extents with vector tails; sometimes long enough for several vectors; smaller on retries.
            if (Large && attempt < 5)
            {
                return axis == 'N' ? 1 + Random.Next(16) : 1 + Random.Next(48);
            }

            int limit = attempt > 4 ? 3 : 7;
            if (attempt == 0 && Random.Next(8) == 0)
            {
                return 8 + Random.Next(25);
            }

            return axis == 'N' ? 1 + Random.Next(Math.Min(limit, 5)) : 1 + Random.Next(limit);
        }

        private static char LetterOf(string parameterName) => parameterName switch
        {
            "batch" => 'N',
            "channels" => 'C',
            "depth" => 'D',
            "height" => 'H',
            "width" => 'W',
            "length" => 'L',
            _ => throw new InvalidOperationException("Unexpected constructor parameter " + parameterName),
        };

        private static (NormalizeOptions Options, int Channels, string Attribute) DrawDeclaration(Random random)
        {
            // Layout: 0 to 5 of the optional letters in any order, C anywhere among them.
            var letters = OptionalAxes.OrderBy(_ => random.Next()).ToList();
            int count = random.Next(100) switch { < 5 => 0, < 30 => 1, < 60 => 2, < 85 => 3, < 97 => 4, _ => 5 };
            var layout = letters.Take(count).ToList();
            layout.Insert(random.Next(layout.Count + 1), 'C');

            // Axes: a non-empty subset, written in a random order. Half the draws take the subsets of the common kinds:
            // every axis but C (BatchNorm), every axis but N and C (InstanceNorm, GroupNorm), C and the axes after it
            // (LayerNorm over the trailing dimensions).
            int c = layout.IndexOf('C');
            var reduced = random.Next(20) switch
            {
                < 6 => layout.Where(a => a != 'C').ToList(),
                < 9 => layout.Where(a => a != 'C' && a != 'N').ToList(),
                < 11 => layout.Skip(c).ToList(),
                _ => layout.Where(_ => random.Next(2) == 0).ToList(),
            };
            if (reduced.Count == 0)
            {
                reduced.Add(layout[random.Next(layout.Count)]);
            }

            reduced = reduced.OrderBy(_ => random.Next()).ToList();

            int channels = random.Next(5) == 0 ? 13 + random.Next(28) : 1 + random.Next(12);
            int groups = 0;
            if (!reduced.Contains('C') && random.Next(3) == 0)
            {
                var divisors = Enumerable.Range(1, channels).Where(d => channels % d == 0).ToArray();
                groups = divisors[random.Next(divisors.Length)];
            }

            bool channelsInAttribute = random.Next(2) == 0;

            // Fixed extents: some axes, keeping the fixed part of the shape small.
            var extents = new Dictionary<char, int>();
            long fixedProduct = channels;
            foreach (char axis in layout.Where(a => a != 'C'))
            {
                if (random.Next(10) < 3)
                {
                    int extent = 1 + random.Next(axis == 'N' ? 4 : 6);
                    if (fixedProduct * extent <= 512)
                    {
                        extents[axis] = extent;
                        fixedProduct *= extent;
                    }
                }
            }

            double epsilon = random.Next(5) switch
            {
                0 => 1e-5,
                1 => 1e-3,
                2 => 0.5,
                _ => Math.Round(Math.Pow(10, -6 + (5 * random.NextDouble())), 8),
            };
            bool epsilonSet = epsilon != 1e-5 || random.Next(2) == 0;
            bool momentumSet = random.Next(5) < 2;
            double momentum = !momentumSet ? 0.1 : random.Next(4) switch { 0 => 0, 1 => 1, _ => Math.Round(random.NextDouble(), 4) };
            bool cumulative = random.Next(5) == 0;
            bool affine = random.Next(10) < 7;
            bool? track = random.Next(10) switch { < 6 => null, < 8 => true, _ => false };
            string elementType = random.Next(20) switch { < 7 => "double", < 14 => "float", _ => HalfType };

            // RMSNorm a sixth of the time; a smooth activation a quarter of the time. ReLU is left to the layer tests on
            // fixed data: a float z within rounding of zero may take the other side of its kink than the reference's.
            bool center = random.Next(6) != 0;
            var activation = random.Next(4) == 0
                ? new[] { NormActivation.Silu, NormActivation.Gelu, NormActivation.GeluTanh }[random.Next(3)]
                : NormActivation.None;

            // A fused residual, either form, two fifths of the time, on Half layers too. Half with the residual before a
            // smooth activation is refused (NG0039): compiled with the other rejected declarations, it must produce no code.
            var residual = random.Next(10) switch { < 2 => NormResidual.BeforeActivation, < 4 => NormResidual.BeforeNorm, _ => NormResidual.None };

            string layoutText = new(layout.ToArray());
            string axesText = string.Join(",", reduced);
            var options = new NormalizeOptions
            {
                Layout = layoutText,
                Axes = axesText,
                Channels = channelsInAttribute ? channels : 0,
                Groups = groups,
                GroupsSet = groups > 0,
                Batch = extents.GetValueOrDefault('N'),
                Depth = extents.GetValueOrDefault('D'),
                Height = extents.GetValueOrDefault('H'),
                Width = extents.GetValueOrDefault('W'),
                Length = extents.GetValueOrDefault('L'),
                Epsilon = epsilon,
                EpsilonSet = epsilonSet,
                Momentum = momentum,
                MomentumSet = momentumSet,
                CumulativeAverage = cumulative,
                Affine = affine,
                TrackRunningStats = track,
                ElementType = elementType,
                Center = center,
                Activation = (int)activation,
                Residual = (int)residual,
            };

            // The attribute text: Layout left out, half the time, when it is the channels-first default (N, C, then the
            // reduced letters among D, H, W, L in that order); the default values sometimes written out.
            string defaultLayout = "NC" + string.Concat("DHWL".Where(reduced.Contains));
            var parts = new List<string>();
            if (layoutText != defaultLayout || random.Next(2) == 0)
            {
                parts.Add($"Layout = \"{layoutText}\"");
            }

            parts.Add(random.Next(4) == 0 ? $"Axes = \"{string.Join(", ", reduced)}\"" : $"Axes = \"{axesText}\"");
            if (channelsInAttribute)
            {
                parts.Add("Channels = " + channels);
            }

            if (groups > 0)
            {
                parts.Add("Groups = " + groups);
            }

            foreach (var (axis, property) in new[] { ('N', "Batch"), ('D', "Depth"), ('H', "Height"), ('W', "Width"), ('L', "Length") })
            {
                if (extents.TryGetValue(axis, out int extent))
                {
                    parts.Add(property + " = " + extent);
                }
            }

            if (epsilonSet)
            {
                parts.Add("Epsilon = " + Literal(epsilon));
            }

            if (momentumSet)
            {
                parts.Add("Momentum = " + Literal(momentum));
            }

            if (cumulative)
            {
                parts.Add("CumulativeAverage = true");
            }

            if (!affine || random.Next(3) == 0)
            {
                parts.Add("Affine = " + (affine ? "true" : "false"));
            }

            if (track is { } t)
            {
                parts.Add("TrackRunningStats = " + (t ? "true" : "false"));
            }

            if (!center)
            {
                parts.Add("Center = false");
            }

            if (activation != NormActivation.None)
            {
                parts.Add("Activation = NormActivation." + activation);
            }

            if (residual != NormResidual.None)
            {
                parts.Add("Residual = NormResidual." + residual);
            }

            parts = parts.OrderBy(_ => random.Next()).ToList();
            string name = elementType switch
            {
                "double" => "Normalize<double>",
                HalfType => "Normalize<System.Half>",
                _ => random.Next(2) == 0 ? "Normalize" : "Normalize<float>",
            };

            // The validator sees the options as the attribute reads; a channel count for the constructor is kept aside.
            return (options, channels, $"{name}({string.Join(", ", parts)})");
        }

        private static string Literal(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "d";
    }
}
