using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using NormGen.Generator.Tests.Infrastructure;

namespace NormGen.Generator.Tests
{
    /// <summary>For a class the analyzers reject, the generator neither throws nor emits anything, and still completes
    /// the valid classes beside it.</summary>
    public sealed class InvalidConfigurationTests
    {
        private const string ValidNeighbour = """
            namespace Sample
            {
                [NormGen.Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 4)]
                public partial class GoodNorm
                {
                }
            }
            """;

        public static IEnumerable<object[]> InvalidClasses => new (string Name, string Source)[]
        {
            ("BadLayoutLetter", Layer("""Normalize(Layout = "NCX", Axes = "N", Channels = 4)""")),
            ("LowerCaseLayout", Layer("""Normalize(Layout = "nchw", Axes = "N,H,W", Channels = 4)""")),
            ("RepeatedLayoutLetter", Layer("""Normalize(Layout = "NCHH", Axes = "N,H", Channels = 4)""")),
            ("LayoutWithoutC", Layer("""Normalize(Layout = "NHW", Axes = "N,H,W", Channels = 4)""")),
            ("EmptyAxes", Layer("""Normalize(Layout = "NCHW", Axes = "", Channels = 4)""")),
            ("AxesOfCommas", Layer("""Normalize(Layout = "NCHW", Axes = " , ", Channels = 4)""")),
            ("UnknownAxis", Layer("""Normalize(Layout = "NCHW", Axes = "N,X", Channels = 4)""")),
            ("AxisWithoutSeparator", Layer("""Normalize(Layout = "NCHW", Axes = "NHW", Channels = 4)""")),
            ("RepeatedAxis", Layer("""Normalize(Layout = "NCHW", Axes = "N,H,H", Channels = 4)""")),
            ("AxisNotInLayout", Layer("""Normalize(Layout = "NC", Axes = "N,H", Channels = 4)""")),
            ("ChannelsNotDivisibleByGroups", Layer("""Normalize(Layout = "NCHW", Axes = "H,W", Channels = 10, Groups = 4)""")),
            ("GroupsWithChannelsReduced", Layer("""Normalize(Layout = "NCHW", Axes = "C,H,W", Channels = 8, Groups = 2, Height = 2, Width = 2)""")),
            ("GroupsZero", Layer("""Normalize(Layout = "NCHW", Axes = "H,W", Channels = 8, Groups = 0)""")),
            ("GroupsAboveChannels", Layer("""Normalize(Layout = "NCHW", Axes = "H,W", Channels = 4, Groups = 8)""")),
            ("DefaultLayoutWithoutAxes", Layer("""Normalize(Axes = "")""")),
            ("ChannelsNegative", Layer("""Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = -3)""")),
            ("NegativeHeight", Layer("""Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 4, Height = -1)""")),
            ("EpsilonZero", Layer("""Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 4, Epsilon = 0.0)""")),
            ("EpsilonNegative", Layer("""Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 4, Epsilon = -1e-5)""")),
            ("EpsilonNaN", Layer("""Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 4, Epsilon = double.NaN)""")),
            ("MomentumAboveOne", Layer("""Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 4, Momentum = 1.5)""")),
            ("MomentumNegative", Layer("""Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 4, Momentum = -0.1)""")),
            ("CumulativeAverageWithMomentum", Layer("""Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 4, CumulativeAverage = true, Momentum = 0.2)""")),
            ("RunningStatsOnLayerNorm", Layer("""Normalize(Layout = "NLC", Axes = "C", Channels = 8, TrackRunningStats = true)""")),
            ("RunningStatsOnGroupNorm", Layer("""Normalize(Layout = "NCHW", Axes = "H,W", Channels = 8, Groups = 2, TrackRunningStats = true)""")),
            ("DefaultLayoutGroupsWithChannelsReduced", Layer("""Normalize(Axes = "C,H,W", Groups = 2)""")),
            ("RmsNormWithRunningStats", Layer("""Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 4, Center = false, TrackRunningStats = true)""")),
            ("RmsNormWithGroups", Layer("""Normalize(Layout = "NCHW", Axes = "H,W", Channels = 8, Groups = 2, Center = false)""")),
            ("UnknownActivation", Layer("""Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 8, Activation = (NormActivation)9)""")),
            ("UnknownResidual", Layer("""Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 8, Residual = (NormResidual)3)""")),
            ("ResidualWithHalf", Layer("""Normalize<System.Half>(Layout = "NLC", Axes = "C", Channels = 8, Activation = NormActivation.Gelu, Residual = NormResidual.BeforeActivation)""")),
            ("OneValuePerStatistic", Layer("""Normalize(Layout = "NCHW", Axes = "H,W", Channels = 4, Height = 1, Width = 1)""")),
            ("IntElementType", Layer("""Normalize<int>(Layout = "NCHW", Axes = "N,H,W", Channels = 4)""")),
            ("DecimalElementType", Layer("""Normalize<decimal>(Layout = "NCHW", Axes = "N,H,W", Channels = 4)""")),
            ("NotPartial", """
                namespace Sample
                {
                    [NormGen.Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 4)]
                    public class BadNorm
                    {
                    }
                }
                """),
            ("ContainingTypeNotPartial", """
                namespace Sample
                {
                    public class Outer
                    {
                        [NormGen.Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 4)]
                        public partial class BadNorm
                        {
                        }
                    }
                }
                """),
            ("Static", """
                namespace Sample
                {
                    [NormGen.Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 4)]
                    public static partial class BadNorm
                    {
                    }
                }
                """),
        }.Select(c => new object[] { c.Name, c.Source });

        [Theory]
        [MemberData(nameof(InvalidClasses))]
        public void EmitsNothingForTheInvalidClassAndStillCompletesTheValidOne(string name, string source)
        {
            var run = GeneratorHarness.Run(source, ValidNeighbour);

            Assert.Null(run.Exception);
            Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id is "CS8784" or "CS8785");
            var hint = Assert.Single(run.Sources).HintName;
            Assert.Contains("GoodNorm", hint, System.StringComparison.Ordinal);
            Assert.DoesNotContain(run.Sources, s => s.Text.Contains("BadNorm", System.StringComparison.Ordinal));
            var errors = run.OutputDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, name + ": " + GeneratorHarness.Describe(errors));
        }

        [Fact]
        public void TheInvalidSourcesAreValidCSharp()
        {
            // Guards the theory above: each case is rejected by NormGen, not by the C# compiler.
            foreach (var data in InvalidClasses)
            {
                var compilation = GeneratorHarness.Compile((string)data[1]);
                var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                Assert.True(errors.Count == 0, data[0] + ": " + GeneratorHarness.Describe(errors));
            }
        }

        private static string Layer(string attribute) => LayerSource.Class("BadNorm", attribute);
    }
}
