using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using CsCheck;
using NormGen.Configuration;
using NormGen.Generator.Tests.Infrastructure;

namespace NormGen.Generator.Tests
{
    /// <summary>Random layouts, axes, groups, extents and options: whatever the validator accepts is generated and
    /// compiles without any diagnostic; whatever it rejects is skipped without an exception.</summary>
    public sealed class RandomConfigurationTests
    {
        internal static readonly Gen<NormalizeOptions> Options =
            from optionalAxes in Gen.Shuffle(new[] { 'N', 'D', 'H', 'W', 'L' })
            from axisCount in Gen.Int[0, 4]
            from cPosition in Gen.Int[0, 4]
            from reducedMask in Gen.Int[1, 31]
            from channels in Gen.Int[1, 12]
            from groupsChoice in Gen.Int[0, 12]
            from extents in Gen.Int[0, 3].Array[5]
            from isDouble in Gen.Bool
            from affine in Gen.Bool
            from track in Gen.Int[0, 2]
            from cumulative in Gen.Bool
            from epsilon in Gen.Int[0, 2].Select(i => new[] { 1e-5, 1e-3, 0.5 }[i])
            from center in Gen.Int[0, 3].Select(i => i != 0)
            from activation in Gen.Int[0, 6].Select(i => i > 4 ? 0 : i)
            from residual in Gen.Int[0, 4].Select(i => i > 2 ? 0 : i)
            select Build(optionalAxes, axisCount, cPosition, reducedMask, channels, groupsChoice, extents, isDouble, affine, track, cumulative, epsilon) with { Center = center, Activation = activation, Residual = residual };

        [Fact]
        public void AcceptedConfigurationsCompileCleanlyAndRejectedOnesAreSkipped()
        {
            int validCount = 0;
            int rejectedCount = 0;
            Options.Array[8].Sample(
                configurations =>
                {
                    var sources = configurations.Select((o, i) => LayerSource.Class("Random" + i, Attribute(o))).ToArray();
                    var run = GeneratorHarness.Run(sources);

                    Assert.Null(run.Exception);
                    for (int i = 0; i < configurations.Length; i++)
                    {
                        bool valid = ConfigurationValidator.Validate(configurations[i]).Configuration is not null;
                        Interlocked.Increment(ref valid ? ref validCount : ref rejectedCount);
                        int generated = run.Sources.Count(s => Regex.IsMatch(s.Text, $"partial class Random{i}\\b"));
                        Assert.True(generated == (valid ? 1 : 0), $"{Attribute(configurations[i])}: valid = {valid}, generated {generated} sources");
                    }

                    Assert.True(run.OutputDiagnostics.IsEmpty, string.Join("\n", configurations.Select(Attribute)) + "\n" + GeneratorHarness.Describe(run.OutputDiagnostics));
                },
                iter: 6,
                print: configurations => string.Join("; ", configurations.Select(Attribute)));

            // The generator must have seen both kinds for the property to mean anything.
            Assert.True(validCount > 0 && rejectedCount > 0, $"{validCount} accepted, {rejectedCount} rejected");
        }

        private static NormalizeOptions Build(
            char[] optionalAxes, int axisCount, int cPosition, int reducedMask, int channels, int groupsChoice, int[] extents,
            bool isDouble, bool affine, int track, bool cumulative, double epsilon)
        {
            var layout = optionalAxes.Take(axisCount).ToList();
            layout.Insert(System.Math.Min(cPosition, layout.Count), 'C');
            var reduced = layout.Where((_, i) => (reducedMask & (1 << i)) != 0).ToList();
            if (reduced.Count == 0)
            {
                reduced.Add(layout[layout.Count - 1]);
            }

            // Mostly divisors of the channel count, sometimes not, so both branches are exercised.
            int groups = groupsChoice <= 6 ? 0 : Divisors(channels).ElementAt(groupsChoice % Divisors(channels).Count());
            int Extent(char axis) => layout.Contains(axis) ? extents["NDHWL".IndexOf(axis)] : 0;
            return new NormalizeOptions
            {
                Layout = new string(layout.ToArray()),
                Axes = string.Join(",", reduced),
                Channels = channels,
                Groups = groups,
                GroupsSet = groups > 0 && !reduced.Contains('C'),
                Batch = Extent('N'),
                Depth = Extent('D'),
                Height = Extent('H'),
                Width = Extent('W'),
                Length = Extent('L'),
                Epsilon = epsilon,
                EpsilonSet = true,
                Affine = affine,
                TrackRunningStats = track switch { 0 => null, 1 => true, _ => false },
                CumulativeAverage = cumulative,
                ElementType = isDouble ? "double" : "float",
            };
        }

        private static IEnumerable<int> Divisors(int n) => Enumerable.Range(1, n).Where(d => n % d == 0);

        /// <summary>The attribute that <see cref="NormalizeAttributeReader"/> reads back as <paramref name="o"/>.</summary>
        internal static string Attribute(NormalizeOptions o)
        {
            var parts = new List<string> { $"Layout = \"{o.Layout}\"", $"Axes = \"{o.Axes}\"", "Channels = " + o.Channels };
            if (o.GroupsSet)
            {
                parts.Add("Groups = " + o.Groups);
            }

            foreach (var (name, value) in new[] { ("Batch", o.Batch), ("Depth", o.Depth), ("Height", o.Height), ("Width", o.Width), ("Length", o.Length) })
            {
                if (value > 0)
                {
                    parts.Add(name + " = " + value);
                }
            }

            parts.Add("Epsilon = " + o.Epsilon.ToString("R", CultureInfo.InvariantCulture));
            parts.Add("Affine = " + (o.Affine ? "true" : "false"));
            if (o.TrackRunningStats is { } track)
            {
                parts.Add("TrackRunningStats = " + (track ? "true" : "false"));
            }

            if (o.CumulativeAverage)
            {
                parts.Add("CumulativeAverage = true");
            }

            if (!o.Center)
            {
                parts.Add("Center = false");
            }

            if (o.Activation != 0)
            {
                parts.Add("Activation = (NormGen.NormActivation)" + o.Activation);
            }

            if (o.Residual != 0)
            {
                parts.Add("Residual = (NormGen.NormResidual)" + o.Residual);
            }

            return $"Normalize<{o.ElementType}>({string.Join(", ", parts)})";
        }
    }
}
