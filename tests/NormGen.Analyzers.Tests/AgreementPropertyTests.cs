using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using CsCheck;
using Microsoft.CodeAnalysis;
using Xunit;

namespace NormGen.Analyzers.Tests
{
    /// <summary>
    /// The analyzers report an error for a class exactly when the generator emits nothing for it, over random
    /// attribute values and declarations of layers, weight normalisations and scalers: both read the attribute
    /// through the same parser and checks.
    /// </summary>
    public class AgreementPropertyTests
    {
        private enum Declaration
        {
            Partial,
            NotPartial,
            Static,
            NestedInPartial,
            NestedInNotPartial,
            TwoAttributes,
        }

        /// <summary>What the sampled attribute declares.</summary>
        private enum Family
        {
            Layer,
            WeightNorm,
            Scaler,
        }

        private sealed record Sample(Family Family, string Attribute, string Arguments, Declaration Declaration)
        {
            /// <summary>The attribute form not used by <see cref="Attribute"/> (C# forbids the same one twice).</summary>
            private string OtherForm => Attribute == "Normalize" ? "Normalize<double>" : "Normalize";

            public string Source
            {
                get
                {
                    string attribute = "[" + Attribute + "(" + Arguments + ")]";
                    return "using NormGen;\nnamespace Models\n{\n" + Declaration switch
                    {
                        Declaration.NotPartial => attribute + "\npublic class Layer { }\n",
                        Declaration.Static => attribute + "\npublic static partial class Layer { }\n",
                        Declaration.NestedInPartial => "public partial class Outer\n{\n" + attribute + "\npublic partial class Layer { }\n}\n",
                        Declaration.NestedInNotPartial => "public class Outer\n{\n" + attribute + "\npublic partial class Layer { }\n}\n",
                        Declaration.TwoAttributes => attribute + "\n[" + OtherForm + "(Layout = \"NC\", Axes = \"N\", Channels = 4)]\npublic partial class Layer { }\n",
                        _ => attribute + "\npublic partial class Layer { }\n",
                    } + "}\n";
                }
            }
        }

        private static readonly Gen<string> Layouts = Gen.Frequency<string>(
            (6, Gen.OneOf("NC", "NCL", "NLC", "LNC", "NCHW", "NHWC", "NCDHW", "NDHWC")),
            (1, Gen.OneOf("NCHX", "nchw", "NHW", "NCHH", "", "C", "CN")),
            (1, Gen.Char["NCDHWLX"].Array[0, 5].Select(letters => new string(letters))));

        private static readonly Gen<string> Axes = Gen.Frequency<string>(
            (6, Gen.OneOf("N", "N,H,W", "H,W", "C", "C,H,W", "N,L", "L", "N,D,H,W", "D,H,W", "N,C", "H, W")),
            (1, Gen.OneOf("", "X", "HW", "N,N", "h,w", " , ")),
            (1, Gen.Char["NCDHWL"].Array[1, 4].Select(letters => string.Join(",", letters))));

        /// <summary>Configurations from the design's table, with the fixed extents they need: most random samples start
        /// valid and are then changed, so both outcomes are common.</summary>
        private static readonly Gen<(string Name, string Value)[]> Bases = Gen.OneOf(
            Base("NC", "N"), Base("NCL", "N,L"), Base("NLC", "N,L"), Base("LNC", "L,N"), Base("NCHW", "N,H,W"), Base("NHWC", "N, H, W"),
            Base("NCDHW", "N,D,H,W"), Base("NDHWC", "N,D,H,W"), Base("NLC", "C"), Base("NCL", "L"), Base("NCHW", "H,W"), Base("NHWC", "H,W"),
            Base("NCHW", "C,H,W", ("Height", "4"), ("Width", "4")), Base("NCHW", "H,W", ("Groups", "2")), Base("NCHW", "N,H,W", ("Groups", "2")));

        private static readonly Gen<(string Name, string Value)> Changes = Gen.OneOf<(string Name, string Value)>(
            Layouts.Select(v => ("Layout", "\"" + v + "\"")),
            Axes.Select(v => ("Axes", "\"" + v + "\"")),
            Int("Channels", -2, 16),
            Int("Groups", -1, 13),
            Int("Batch", -1, 3),
            Int("Length", -1, 3),
            Int("Depth", -1, 2),
            Int("Height", -1, 3),
            Int("Width", -1, 3),
            Gen.OneOf("1e-5", "1e-3", "0", "-1", "double.NaN", "double.PositiveInfinity").Select(v => ("Epsilon", v)),
            Gen.OneOf("0.1", "0", "1", "0.5", "1.5", "-0.1").Select(v => ("Momentum", v)),
            Bool("CumulativeAverage"),
            Bool("Affine"),
            Bool("TrackRunningStats"));

        private static readonly Gen<string> Arguments = Gen.Select(
            Bases,
            Gen.OneOf(4, 6, 8, 12),
            Gen.Frequency<int>((3, 0), (4, 1), (3, 2), (1, 3)).SelectMany(count => Changes.Array[count]),
            (start, channels, changes) =>
            {
                var arguments = new List<(string Name, string Value)>(start) { ("Channels", channels.ToString(CultureInfo.InvariantCulture)) };
                foreach (var (name, value) in changes)
                {
                    arguments.RemoveAll(a => a.Name == name);
                    arguments.Add((name, value));
                }

                return string.Join(", ", arguments.Select(a => a.Name + " = " + a.Value));
            });

        private static (string Name, string Value)[] Base(string layout, string axes, params (string Name, string Value)[] extra) =>
            new[] { ("Layout", "\"" + layout + "\""), ("Axes", "\"" + axes + "\"") }.Concat(extra).ToArray();

        private static Gen<(string Name, string Value)> Int(string name, int low, int high) =>
            Gen.Int[low, high].Select(v => (name, v.ToString(CultureInfo.InvariantCulture)));

        private static Gen<(string Name, string Value)> Bool(string name) =>
            Gen.Bool.Select(v => (name, v ? "true" : "false"));

        private static readonly Gen<(Family, string Attribute, string Arguments)> Layers = Gen.Select(
            Gen.Frequency<string>((6, "Normalize"), (2, "Normalize<double>"), (1, "Normalize<float>"), (1, "Normalize<int>")),
            Arguments,
            (attribute, arguments) => (Family.Layer, attribute, arguments));

        private static readonly Gen<Declaration> Declarations = Gen.Frequency<Declaration>(
            (10, Declaration.Partial),
            (2, Declaration.NestedInPartial),
            (1, Declaration.NotPartial),
            (1, Declaration.Static),
            (1, Declaration.NestedInNotPartial),
            (1, Declaration.TwoAttributes));

        private static readonly Gen<Sample> Samples = Gen.Select(
            // Equal shares: about a sixth of weight-norm samples are valid, so with 900 samples the expected ~50 of
            // them stay far (about five standard deviations) above the floor of 20 checked below.
            Gen.Frequency<(Family, string Attribute, string Arguments)>(
                (1, Layers),
                (1, TransformSamples.WeightNorms.Select(s => (Family.WeightNorm, s.Attribute, s.Arguments))),
                (1, TransformSamples.Scalers.Select(s => (Family.Scaler, s.Attribute, s.Arguments)))),
            Declarations,
            (attribute, declaration) => new Sample(attribute.Item1, attribute.Attribute, attribute.Arguments, declaration));

        [Fact]
        public void Analyzers_report_an_error_exactly_when_the_generator_emits_nothing()
        {
            // Per family: [0] generated, [1] refused.
            var outcomes = new int[3, 2];
            Samples.Sample(
                sample =>
                {
                    var compilation = AnalysisRunner.Compile(sample.Source);
                    var compileErrors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
                    Assert.True(compileErrors.Length == 0, string.Join("\n", compileErrors.Select(d => d.ToString())));

                    bool emitted = AnalysisRunner.Generate(compilation).GeneratedTrees.Length > 0;
                    var errors = AnalysisRunner.Analyze(compilation).Where(d => d.Severity == DiagnosticSeverity.Error).ToArray();
                    bool reported = errors.Length > 0;
                    Assert.True(
                        emitted != reported,
                        (emitted ? "generated code, yet the analyzers report " + string.Join("; ", errors.Select(e => e.GetMessage(CultureInfo.InvariantCulture))) : "generated nothing, yet the analyzers report no error")
                        + "\n" + sample.Source);
                    Interlocked.Increment(ref outcomes[(int)sample.Family, emitted ? 0 : 1]);
                },
                iter: 900,
                print: sample => sample.Source);

            // Both outcomes must be common for every family, or the property says little.
            foreach (var family in new[] { Family.Layer, Family.WeightNorm, Family.Scaler })
            {
                Assert.True(outcomes[(int)family, 0] > 20, "only " + outcomes[(int)family, 0] + " " + family + " samples were generated");
                Assert.True(outcomes[(int)family, 1] > 20, "only " + outcomes[(int)family, 1] + " " + family + " samples were refused");
            }
        }
    }
}
