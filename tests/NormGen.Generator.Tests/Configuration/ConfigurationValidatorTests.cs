using System.Collections.Generic;
using System.Linq;
using NormGen.Configuration;

namespace NormGen.Generator.Tests.Configuration
{
    /// <summary>Each problem the validator knows, on the smallest configuration that has it, with the property it
    /// points at and the values its message names.</summary>
    public sealed class ConfigurationValidatorTests
    {
        private static readonly NormalizeOptions BatchNorm = new() { Layout = "NCHW", Axes = "N,H,W", Channels = 4 };

        public static IEnumerable<object[]> SingleProblemCases => new (NormalizeOptions Options, string Id, ProblemSeverity Severity, string Property, string[] Arguments)[]
        {
            (BatchNorm with { Layout = "NCX", Axes = "N" }, Rules.UnknownLayoutLetter.Id, ProblemSeverity.Error, "Layout", new[] { "NCX", "X" }),
            (BatchNorm with { Layout = "NCHH", Axes = "N,H" }, Rules.RepeatedLayoutLetter.Id, ProblemSeverity.Error, "Layout", new[] { "NCHH", "H" }),
            (BatchNorm with { Layout = "NHW" }, Rules.LayoutWithoutChannels.Id, ProblemSeverity.Error, "Layout", new[] { "NHW" }),
            (BatchNorm with { Axes = "" }, Rules.EmptyAxes.Id, ProblemSeverity.Error, "Axes", new[] { "" }),
            (BatchNorm with { Axes = " , " }, Rules.EmptyAxes.Id, ProblemSeverity.Error, "Axes", new[] { " , " }),
            (BatchNorm with { Axes = "N,X" }, Rules.UnknownAxis.Id, ProblemSeverity.Error, "Axes", new[] { "N,X", "X" }),
            (BatchNorm with { Axes = "NHW" }, Rules.UnknownAxis.Id, ProblemSeverity.Error, "Axes", new[] { "NHW", "NHW" }),
            (BatchNorm with { Axes = "N,H,H" }, Rules.RepeatedAxis.Id, ProblemSeverity.Error, "Axes", new[] { "N,H,H", "H" }),
            (BatchNorm with { Layout = "NC", Axes = "N,H" }, Rules.AxisNotInLayout.Id, ProblemSeverity.Error, "Axes", new[] { "H", "NC" }),
            (BatchNorm with { Axes = "H,W", Channels = 10, Groups = 4, GroupsSet = true }, Rules.ChannelsNotDivisibleByGroups.Id, ProblemSeverity.Error, "Groups", new[] { "10", "4", "2, 5 or 10" }),
            (BatchNorm with { Axes = "C,H,W", Channels = 8, Groups = 2, GroupsSet = true, Height = 2, Width = 2 }, Rules.GroupsWithReducedChannels.Id, ProblemSeverity.Error, "Groups", new[] { "2", "C,H,W" }),
            (BatchNorm with { Axes = "H,W", Groups = 0, GroupsSet = true }, Rules.GroupsOutOfRange.Id, ProblemSeverity.Error, "Groups", new[] { "0", "4" }),
            (BatchNorm with { Axes = "H,W", Groups = 8, GroupsSet = true }, Rules.GroupsOutOfRange.Id, ProblemSeverity.Error, "Groups", new[] { "8", "4" }),
            (BatchNorm with { Channels = -3 }, Rules.ChannelsNotPositive.Id, ProblemSeverity.Error, "Channels", new[] { "-3" }),
            (BatchNorm with { Height = -1 }, Rules.DimensionNegative.Id, ProblemSeverity.Error, "Height", new[] { "Height", "-1" }),
            (BatchNorm with { Epsilon = 0 }, Rules.EpsilonOutOfRange.Id, ProblemSeverity.Error, "Epsilon", new[] { "0" }),
            (BatchNorm with { Epsilon = double.NaN }, Rules.EpsilonOutOfRange.Id, ProblemSeverity.Error, "Epsilon", new[] { "NaN" }),
            (BatchNorm with { Epsilon = double.PositiveInfinity }, Rules.EpsilonOutOfRange.Id, ProblemSeverity.Error, "Epsilon", new[] { "Infinity" }),
            (BatchNorm with { Momentum = 1.5, MomentumSet = true }, Rules.MomentumOutOfRange.Id, ProblemSeverity.Error, "Momentum", new[] { "1.5" }),
            (BatchNorm with { Momentum = -0.25, MomentumSet = true }, Rules.MomentumOutOfRange.Id, ProblemSeverity.Error, "Momentum", new[] { "-0.25" }),
            (BatchNorm with { Momentum = 0.2, MomentumSet = true, CumulativeAverage = true }, Rules.CumulativeAverageWithMomentum.Id, ProblemSeverity.Error, "Momentum", new[] { "0.2" }),
            (BatchNorm with { Layout = "NC", Axes = "N", Batch = 1 }, Rules.SingleValuePerStatistic.Id, ProblemSeverity.Error, "Batch", new[] { "N", "Batch = 1" }),
            (BatchNorm with { Axes = "H,W", Height = 1, Width = 1 }, Rules.SingleValuePerStatistic.Id, ProblemSeverity.Error, "", new[] { "H,W", "Height = 1, Width = 1" }),
            (BatchNorm with { Layout = "NLC", Axes = "C", TrackRunningStats = true }, Rules.RunningStatsNotAllowed.Id, ProblemSeverity.Error, "TrackRunningStats", new[] { "C", "(N, L)" }),
            (BatchNorm with { Axes = "H,W", Channels = 8, Groups = 2, GroupsSet = true, TrackRunningStats = true }, Rules.RunningStatsNotAllowed.Id, ProblemSeverity.Error, "TrackRunningStats", new[] { "H,W", "(N, group)" }),
            (BatchNorm with { Axes = "N,H", TrackRunningStats = true }, Rules.RunningStatsNotAllowed.Id, ProblemSeverity.Error, "TrackRunningStats", new[] { "N,H", "(C, W)" }),
            (BatchNorm with { ElementType = "int" }, Rules.UnsupportedElementType.Id, ProblemSeverity.Error, "", new[] { "int" }),
            (BatchNorm with { Layout = "NC", Axes = "N", Height = 4 }, Rules.FixedDimensionOfAbsentAxis.Id, ProblemSeverity.Warning, "Height", new[] { "Height", "4", "NC" }),
            (BatchNorm with { Batch = 1 }, Rules.BatchOfOne.Id, ProblemSeverity.Warning, "Batch", new[] { "N,H,W" }),
            (BatchNorm with { Axes = "H,W", Channels = 8, Groups = 1, GroupsSet = true }, Rules.GroupsOneIsLayerNorm.Id, ProblemSeverity.Info, "Groups", new[] { "8" }),
            (BatchNorm with { Axes = "H,W", Channels = 8, Groups = 8, GroupsSet = true }, Rules.GroupsEqualChannelsIsInstanceNorm.Id, ProblemSeverity.Info, "Groups", new[] { "8" }),
            (BatchNorm with { Layout = "NLC", Axes = "C", Momentum = 0.2, MomentumSet = true }, Rules.MomentumWithoutRunningStats.Id, ProblemSeverity.Warning, "Momentum", new[] { "Momentum" }),
            (BatchNorm with { Layout = "NLC", Axes = "C", CumulativeAverage = true }, Rules.MomentumWithoutRunningStats.Id, ProblemSeverity.Warning, "CumulativeAverage", new[] { "CumulativeAverage" }),
            (BatchNorm with { Center = false, TrackRunningStats = true }, Rules.RmsNormWithRunningStats.Id, ProblemSeverity.Error, "TrackRunningStats", new[] { "N,H,W" }),
            (BatchNorm with { Layout = "NLC", Axes = "C", Center = false, TrackRunningStats = true }, Rules.RmsNormWithRunningStats.Id, ProblemSeverity.Error, "TrackRunningStats", new[] { "C" }),
            (BatchNorm with { Axes = "H,W", Groups = 2, GroupsSet = true, Center = false }, Rules.RmsNormWithGroups.Id, ProblemSeverity.Error, "Groups", new[] { "2" }),
            (BatchNorm with { Axes = "N,H,W", Groups = 4, GroupsSet = true, Center = false }, Rules.RmsNormWithGroups.Id, ProblemSeverity.Error, "Groups", new[] { "4" }),
            (BatchNorm with { Layout = "NC", Axes = "N", Center = false, Momentum = 0.2, MomentumSet = true }, Rules.MomentumWithoutRunningStats.Id, ProblemSeverity.Warning, "Momentum", new[] { "Momentum" }),
            (BatchNorm with { Activation = 5 }, Rules.UnknownActivation.Id, ProblemSeverity.Error, "Activation", new[] { "5" }),
            (BatchNorm with { Activation = -1 }, Rules.UnknownActivation.Id, ProblemSeverity.Error, "Activation", new[] { "-1" }),
            (BatchNorm with { Residual = 3 }, Rules.UnknownResidual.Id, ProblemSeverity.Error, "Residual", new[] { "3" }),
            (BatchNorm with { Residual = -1 }, Rules.UnknownResidual.Id, ProblemSeverity.Error, "Residual", new[] { "-1" }),
        }.Select(c => new object[] { c.Options, c.Id, c.Severity, c.Property, c.Arguments });

        [Theory]
        [MemberData(nameof(SingleProblemCases))]
        internal void ReportsExactlyTheOneProblem(NormalizeOptions options, string id, ProblemSeverity severity, string property, string[] arguments)
        {
            var result = ConfigurationValidator.Validate(options);

            var problem = Assert.Single(result.Problems);
            Assert.Equal(new ConfigurationProblem(id, severity, property, arguments.ToEquatableArray()), problem);
            Assert.Equal(severity == ProblemSeverity.Error, result.HasErrors);
            Assert.Equal(severity == ProblemSeverity.Error, result.Configuration is null);
        }

        [Fact]
        public void TheReducedExtentsOfAnElementwiseLayerNotFixedAreTakenAtConstruction()
        {
            var result = ConfigurationValidator.Validate(BatchNorm with { Axes = "C,H,W", Channels = 8, Height = 4 });

            Assert.Empty(result.Problems);
            Assert.Equal(
                new[] { "N per call", "C=8", "H=4", "W at construction" },
                result.Configuration!.Layout.Select(a => a.Axis + (a.IsFixed ? "=" + a.FixedExtent : a.AtConstruction ? " at construction" : " per call")));
        }

        [Fact]
        public void AChannelCountNotInTheAttributeIsTakenAtConstruction()
        {
            var result = ConfigurationValidator.Validate(BatchNorm with { Channels = 0, Groups = 8, GroupsSet = true, Axes = "H,W" });

            Assert.DoesNotContain(result.Problems, p => p.Severity == ProblemSeverity.Error);
            Assert.True(result.Configuration!.ChannelsAtConstruction);
            Assert.Equal(new[] { Axis.C }, result.Configuration.ConstructionAxes.Select(a => a.Axis));
        }

        [Theory]
        [InlineData("N,H,W", "NCHW")]
        [InlineData("H,W", "NCHW")]
        [InlineData("N", "NC")]
        [InlineData("C", "NC")]
        [InlineData("N,L", "NCL")]
        [InlineData("D,H,W", "NCDHW")]
        [InlineData("C,H,W", "NCHW")]
        [InlineData("W,N,H", "NCHW")]
        [InlineData("L,C", "NCL")]
        public void WithoutALayoutTheLayoutIsChannelsFirst(string axes, string layout)
        {
            var result = ConfigurationValidator.Validate(new NormalizeOptions { Axes = axes, Channels = 4, Height = 2, Width = 2, Depth = 2, Length = 2 });

            Assert.DoesNotContain(result.Problems, p => p.Severity == ProblemSeverity.Error);
            Assert.Equal(layout, result.Configuration!.LayoutText);
        }

        [Fact]
        public void ALowerCaseLayoutReportsEveryLetterAndNotAMissingC()
        {
            var result = ConfigurationValidator.Validate(BatchNorm with { Layout = "nchw" });

            Assert.Null(result.Configuration);
            Assert.Equal(
                new[] { "n", "c", "h", "w" },
                result.Problems.Select(p => { Assert.Equal(Rules.UnknownLayoutLetter.Id, p.Id); return p.Arguments[1]; }));
        }

        [Fact]
        public void ProblemsOfSeveralPropertiesAreAllReported()
        {
            var result = ConfigurationValidator.Validate(BatchNorm with { Channels = -1, Epsilon = -1, Momentum = 2, MomentumSet = true, Height = -2 });

            Assert.Null(result.Configuration);
            Assert.Equal(
                new[] { Rules.ChannelsNotPositive.Id, Rules.DimensionNegative.Id, Rules.EpsilonOutOfRange.Id, Rules.MomentumOutOfRange.Id },
                result.Problems.Select(p => p.Id));
        }

        [Fact]
        public void AValidBatchNormHasNoProblemAndACompleteConfiguration()
        {
            var result = ConfigurationValidator.Validate(BatchNorm with { Height = 8, Epsilon = 1e-3, Momentum = 0.05, MomentumSet = true });

            Assert.Empty(result.Problems);
            var configuration = Assert.IsType<LayerConfiguration>(result.Configuration);
            Assert.Equal("NCHW", configuration.LayoutText);
            Assert.Equal("N,H,W", configuration.AxesText);
            Assert.Equal(
                new[] { new LayoutAxis(Axis.N, 0, true), new LayoutAxis(Axis.C, 4, false), new LayoutAxis(Axis.H, 8, true), new LayoutAxis(Axis.W, 0, true) },
                configuration.Layout);
            Assert.Equal(0, configuration.Groups);
            Assert.Equal(4, configuration.GroupSize);
            Assert.Equal(ElementKind.Float, configuration.ElementType);
            Assert.Equal(1e-3, configuration.Epsilon);
            Assert.Equal(0.05, configuration.Momentum);
            Assert.Equal(AffineKind.PerChannel, configuration.Affine);
            Assert.True(configuration.TrackRunningStats);
            Assert.Equal(new[] { Axis.N, Axis.W }, configuration.PerCallAxes.Select(a => a.Axis));
        }

        [Theory]
        [InlineData("NCHW", "N,H,W", 0, true)]
        [InlineData("NHWC", "N,H,W", 0, true)]
        [InlineData("NC", "N", 0, true)]
        [InlineData("NLC", "N,L", 0, true)]
        [InlineData("NCHW", "N,H,W", 2, true)]
        [InlineData("NCHW", "H,W", 0, false)]
        [InlineData("NCHW", "H,W", 2, false)]
        [InlineData("NLC", "C", 0, false)]
        [InlineData("NCHW", "N,H", 0, false)]
        [InlineData("NCHW", "N,C,H,W", 0, false)]
        internal void RunningStatsDefaultToOnExactlyForBatchReducedPerChannelOrGroupStatistics(string layout, string axes, int groups, bool expected)
        {
            var options = new NormalizeOptions { Layout = layout, Axes = axes, Channels = 4, Groups = groups, GroupsSet = groups > 0, Length = 3, Height = 3, Width = 3, Affine = false };

            var configuration = ConfigurationValidator.Validate(options).Configuration;

            Assert.NotNull(configuration);
            Assert.Equal(expected, configuration.TrackRunningStats);
        }

        [Theory]
        [InlineData("NCHW", "H,W", true)]
        [InlineData("NCL", "L", true)]
        [InlineData("NCHW", "N,H,W", false)]
        internal void RunningStatsCanBeAskedForOrTurnedOffWhereAllowed(string layout, string axes, bool track)
        {
            var configuration = ConfigurationValidator.Validate(new NormalizeOptions { Layout = layout, Axes = axes, Channels = 4, TrackRunningStats = track }).Configuration;

            Assert.NotNull(configuration);
            Assert.Equal(track, configuration.TrackRunningStats);
        }

        [Theory]
        [InlineData("NCHW", "N,H,W", true, AffineKind.PerChannel)]
        [InlineData("NCHW", "H,W", true, AffineKind.PerChannel)]
        [InlineData("NLC", "C", true, AffineKind.Elementwise)]
        [InlineData("NCHW", "C,H,W", true, AffineKind.Elementwise)]
        [InlineData("NCHW", "C,H,W", false, AffineKind.None)]
        internal void AffineIsPerChannelUnlessChannelsAreReduced(string layout, string axes, bool affine, AffineKind expected)
        {
            var configuration = ConfigurationValidator.Validate(new NormalizeOptions { Layout = layout, Axes = axes, Channels = 4, Height = 2, Width = 2, Affine = affine }).Configuration;

            Assert.NotNull(configuration);
            Assert.Equal(expected, configuration.Affine);
        }

        [Theory]
        [InlineData("float", 1.1920928955078125e-07)]
        [InlineData("double", 2.220446049250313e-16)]
        internal void RmsNormEpsilonDefaultsToTheMachineEpsilonOfTheElementType(string elementType, double expected)
        {
            var configuration = ConfigurationValidator.Validate(new NormalizeOptions { Layout = "NLC", Axes = "C", Channels = 8, Center = false, ElementType = elementType }).Configuration;

            Assert.NotNull(configuration);
            Assert.Equal(expected, configuration.Epsilon);
            Assert.False(configuration.Center);
        }

        [Theory]
        [InlineData(0, ActivationKind.None)]
        [InlineData(1, ActivationKind.Relu)]
        [InlineData(2, ActivationKind.Silu)]
        [InlineData(3, ActivationKind.Gelu)]
        [InlineData(4, ActivationKind.GeluTanh)]
        internal void EveryActivationValueReachesTheConfiguration(int written, ActivationKind expected)
        {
            var configuration = ConfigurationValidator.Validate(new NormalizeOptions { Layout = "NC", Axes = "N", Channels = 4, Activation = written }).Configuration;

            Assert.NotNull(configuration);
            Assert.Equal(expected, configuration.Activation);
            Assert.Equal(written != 0, configuration.HasActivation);
        }

        [Theory]
        [InlineData(0, ResidualKind.None)]
        [InlineData(1, ResidualKind.BeforeActivation)]
        [InlineData(2, ResidualKind.BeforeNorm)]
        internal void EveryResidualValueReachesTheConfiguration(int written, ResidualKind expected)
        {
            var configuration = ConfigurationValidator.Validate(new NormalizeOptions { Layout = "NC", Axes = "N", Channels = 4, Residual = written }).Configuration;

            Assert.NotNull(configuration);
            Assert.Equal(expected, configuration.Residual);
            Assert.Equal(written != 0, configuration.HasResidual);
        }

        [Fact]
        public void AWrittenEpsilonIsKeptByRmsNormAndTheDefaultByOtherLayers()
        {
            var written = ConfigurationValidator.Validate(new NormalizeOptions { Layout = "NLC", Axes = "C", Channels = 8, Center = false, Epsilon = 1e-6, EpsilonSet = true }).Configuration;
            var layerNorm = ConfigurationValidator.Validate(new NormalizeOptions { Layout = "NLC", Axes = "C", Channels = 8 }).Configuration;

            Assert.Equal(1e-6, written!.Epsilon);
            Assert.Equal(1e-5, layerNorm!.Epsilon);
        }

        [Theory]
        [InlineData("NCHW", "N,H,W", AffineKind.PerChannel)]
        [InlineData("NHWC", "H,W", AffineKind.PerChannel)]
        [InlineData("NHWC", "H,W,C", AffineKind.Elementwise)]
        internal void RmsNormHasAWeightWithoutBiasAndNoRunningStatisticsByDefault(string layout, string axes, AffineKind affine)
        {
            var result = ConfigurationValidator.Validate(new NormalizeOptions { Layout = layout, Axes = axes, Channels = 4, Height = 2, Width = 2, Center = false });

            Assert.Empty(result.Problems);
            Assert.Equal(affine, result.Configuration!.Affine);
            Assert.False(result.Configuration.HasBias);
            Assert.False(result.Configuration.TrackRunningStats);
        }

        /// <summary>One value per statistic (or a batch of one over N) is an error or a warning for centred layers only:
        /// RMSNorm is defined there, x / sqrt(x^2 + eps) * weight.</summary>
        [Theory]
        [InlineData("NC", "N", 1, 0, 0)]
        [InlineData("NCHW", "H,W", 0, 1, 1)]
        [InlineData("NCHW", "N,H,W", 1, 0, 0)]
        internal void RmsNormAcceptsOneValuePerStatisticAndABatchOfOne(string layout, string axes, int batch, int height, int width)
        {
            var options = new NormalizeOptions { Layout = layout, Axes = axes, Channels = 4, Batch = batch, Height = height, Width = width };

            Assert.NotEmpty(ConfigurationValidator.Validate(options).Problems);
            var rms = ConfigurationValidator.Validate(options with { Center = false });
            Assert.Empty(rms.Problems);
            Assert.NotNull(rms.Configuration);
        }
    }
}
