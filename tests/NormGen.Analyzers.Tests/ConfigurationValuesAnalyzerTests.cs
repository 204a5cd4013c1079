using System.Threading.Tasks;
using NormGen.Configuration;
using Xunit;
using Verify = NormGen.Analyzers.Tests.AnalyzerTest<NormGen.Analyzers.ConfigurationValuesAnalyzer>;

namespace NormGen.Analyzers.Tests
{
    public class ConfigurationValuesAnalyzerTests
    {
        private static string Layer(string arguments, string attribute = "Normalize") =>
            "using NormGen;\n[" + attribute + "(" + arguments + ")]\npublic partial class Norm { }\n";

        [Fact]
        public Task Missing_channels_is_no_diagnostic_the_constructor_takes_them() => Verify.VerifyAsync(
            "using NormGen;\n[Normalize(Axes = \"N,H,W\")]\npublic partial class Norm { }\n");

        [Fact]
        public Task Negative_channels_is_NG0013_at_the_argument() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "N,H,W", {|#0:Channels = -3|}"""),
            Verify.Diagnostic(Rules.ChannelsNotPositive.Descriptor).WithLocation(0).WithArguments("-3", "set Channels to the number of channels (features), a positive number, or leave it out and pass the count to the constructor"));

        [Fact]
        public Task Negative_fixed_extent_is_NG0014() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "N,H,W", Channels = 4, {|#0:Height = -1|}"""),
            Verify.Diagnostic(Rules.DimensionNegative.Descriptor).WithLocation(0).WithArguments("Height", "-1"));

        [Theory]
        [InlineData("0", "0")]
        [InlineData("-1e-5", "-1E-05")]
        [InlineData("double.PositiveInfinity", "Infinity")]
        [InlineData("double.NaN", "NaN")]
        public Task Epsilon_not_positive_and_finite_is_NG0015(string written, string shown) => Verify.VerifyAsync(
            Layer("Layout = \"NC\", Axes = \"N\", Channels = 4, {|#0:Epsilon = " + written + "|}"),
            Verify.Diagnostic(Rules.EpsilonOutOfRange.Descriptor).WithLocation(0).WithArguments(shown));

        [Theory]
        [InlineData("1.5", "1.5")]
        [InlineData("-0.1", "-0.1")]
        public Task Momentum_outside_zero_one_is_NG0016(string written, string shown) => Verify.VerifyAsync(
            Layer("Layout = \"NC\", Axes = \"N\", Channels = 4, {|#0:Momentum = " + written + "|}"),
            Verify.Diagnostic(Rules.MomentumOutOfRange.Descriptor).WithLocation(0).WithArguments(shown));

        [Fact]
        public Task One_value_per_statistic_from_fixed_extents_is_NG0017() => Verify.VerifyAsync(
            Layer("""Layout = "NC", Axes = "N", Channels = 4, {|#0:Batch = 1|}"""),
            Verify.Diagnostic(Rules.SingleValuePerStatistic.Descriptor).WithLocation(0).WithArguments("N", "Batch = 1"));

        [Theory]
        [InlineData("(NormActivation)7", "7")]
        [InlineData("(NormActivation)(-1)", "-1")]
        public Task Activation_outside_the_enum_is_NG0036(string written, string shown) => Verify.VerifyAsync(
            Layer("Axes = \"N,H,W\", {|#0:Activation = " + written + "|}"),
            Verify.Diagnostic(Rules.UnknownActivation.Descriptor).WithLocation(0).WithArguments(shown));

        [Theory]
        [InlineData("Relu", "Axes = \"N,H,W\"")]
        [InlineData("Silu", "Axes = \"H,W\", Affine = false")]
        [InlineData("Gelu", "Layout = \"NLC\", Axes = \"C\", Center = false")]
        [InlineData("GeluTanh", "Layout = \"NHWC\", Axes = \"H,W\", Groups = 2, Channels = 8")]
        public Task Every_activation_with_any_configuration_is_no_diagnostic(string activation, string configuration) => Verify.VerifyAsync(
            Layer(configuration + ", Activation = NormActivation." + activation));

        [Theory]
        [InlineData("(NormResidual)3", "3")]
        [InlineData("(NormResidual)(-2)", "-2")]
        public Task Residual_outside_the_enum_is_NG0038(string written, string shown) => Verify.VerifyAsync(
            Layer("Axes = \"N,H,W\", {|#0:Residual = " + written + "|}"),
            Verify.Diagnostic(Rules.UnknownResidual.Descriptor).WithLocation(0).WithArguments(shown));

        [Theory]
        [InlineData("Silu")]
        [InlineData("Gelu")]
        [InlineData("GeluTanh")]
        public Task Residual_before_a_smooth_activation_with_Half_tensors_is_NG0039(string activation) => Verify.VerifyAsync(
            "using System;\nusing NormGen;\n[Normalize<Half>(Layout = \"NLC\", Axes = \"C\", Activation = NormActivation." + activation + ", {|#0:Residual = NormResidual.BeforeActivation|})]\npublic partial class Norm { }\n",
            Verify.Diagnostic(Rules.ResidualWithHalf.Descriptor).WithLocation(0).WithArguments(activation));

        [Theory]
        [InlineData("BeforeActivation", "")]
        [InlineData("BeforeActivation", ", Activation = NormActivation.Relu")]
        [InlineData("BeforeNorm", "")]
        [InlineData("BeforeNorm", ", Activation = NormActivation.Gelu")]
        [InlineData("BeforeNorm", ", Center = false, Activation = NormActivation.Silu")]
        public Task Residual_with_Half_tensors_is_no_diagnostic(string residual, string activation) => Verify.VerifyAsync(
            "using System;\nusing NormGen;\n[Normalize<Half>(Layout = \"NLC\", Axes = \"C\"" + activation + ", Residual = NormResidual." + residual + ")]\npublic partial class Norm { }\n");

        [Theory]
        [InlineData("BeforeActivation", "Axes = \"N,H,W\", Activation = NormActivation.Relu")]
        [InlineData("BeforeActivation", "Axes = \"H,W\", Affine = false")]
        [InlineData("BeforeNorm", "Layout = \"NLC\", Axes = \"C\", Center = false")]
        [InlineData("BeforeNorm", "Layout = \"NHWC\", Axes = \"H,W\", Groups = 2, Channels = 8, Activation = NormActivation.Silu")]
        public Task Every_residual_with_any_configuration_is_no_diagnostic(string residual, string configuration) => Verify.VerifyAsync(
            Layer(configuration + ", Residual = NormResidual." + residual));

        [Fact]
        public Task Running_stats_for_a_LayerNorm_style_config_is_NG0018() => Verify.VerifyAsync(
            Layer("""Layout = "NLC", Axes = "C", Channels = 8, {|#0:TrackRunningStats = true|}"""),
            Verify.Diagnostic(Rules.RunningStatsNotAllowed.Descriptor).WithLocation(0).WithArguments("C", "(N, L)"));

        [Fact]
        public Task Running_stats_for_a_GroupNorm_config_is_NG0018() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "H,W", Channels = 8, Groups = 2, {|#0:TrackRunningStats = true|}"""),
            Verify.Diagnostic(Rules.RunningStatsNotAllowed.Descriptor).WithLocation(0).WithArguments("H,W", "(N, group)"));

        [Fact]
        public Task Running_stats_on_an_RMSNorm_is_NG0034() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "N,H,W", Channels = 8, Center = false, {|#0:TrackRunningStats = true|}"""),
            Verify.Diagnostic(Rules.RmsNormWithRunningStats.Descriptor).WithLocation(0).WithArguments("N,H,W"));

        [Fact]
        public Task RMSNorm_over_one_value_per_statistic_or_a_batch_of_one_is_no_diagnostic() => Verify.VerifyAsync(
            Layer("""Layout = "NC", Axes = "N", Channels = 4, Batch = 1, Center = false"""));

        [Fact]
        public Task Elementwise_affine_over_extents_not_fixed_is_no_diagnostic_the_constructor_takes_them() => Verify.VerifyAsync(
            "using NormGen;\n[Normalize(Axes = \"C,H,W\", Channels = 4, Height = 8)]\npublic partial class Norm { }\n");

        [Fact]
        public Task Unsupported_element_type_is_NG0020() => Verify.VerifyAsync(
            "using NormGen;\n[{|#0:Normalize<int>(Layout = \"NC\", Axes = \"N\", Channels = 4)|}]\npublic partial class Norm { }\n",
            Verify.Diagnostic(Rules.UnsupportedElementType.Descriptor).WithLocation(0).WithArguments("int"));

        [Fact]
        public Task Half_element_type_is_no_diagnostic() => Verify.VerifyAsync(
            "using System;\nusing NormGen;\n[Normalize<Half>(Layout = \"NHWC\", Axes = \"N,H,W\", Channels = 4)]\npublic partial class Norm { }\n");

        [Fact]
        public Task A_type_named_Half_outside_System_is_NG0020() => Verify.VerifyAsync(
            "using NormGen;\nnamespace Mine { public struct Half { } [{|#0:Normalize<Half>(Layout = \"NC\", Axes = \"N\", Channels = 4)|}] public partial class Norm { } }\n",
            Verify.Diagnostic(Rules.UnsupportedElementType.Descriptor).WithLocation(0).WithArguments("Half"));

        [Fact]
        public Task Momentum_with_cumulative_average_is_NG0021() => Verify.VerifyAsync(
            Layer("""Layout = "NC", Axes = "N", Channels = 4, CumulativeAverage = true, {|#0:Momentum = 0.2|}"""),
            Verify.Diagnostic(Rules.CumulativeAverageWithMomentum.Descriptor).WithLocation(0).WithArguments("0.2"));

        [Fact]
        public Task Fixed_extent_of_an_absent_axis_is_the_NG0022_warning() => Verify.VerifyAsync(
            Layer("""Layout = "NC", Axes = "N", Channels = 4, {|#0:Height = 8|}"""),
            Verify.Diagnostic(Rules.FixedDimensionOfAbsentAxis.Descriptor).WithLocation(0).WithArguments("Height", "8", "NC"));

        [Fact]
        public Task Momentum_without_running_stats_is_the_NG0026_warning() => Verify.VerifyAsync(
            Layer("""Layout = "NLC", Axes = "C", Channels = 8, {|#0:Momentum = 0.2|}"""),
            Verify.Diagnostic(Rules.MomentumWithoutRunningStats.Descriptor).WithLocation(0).WithArguments("Momentum"));

        [Theory]
        [InlineData("Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Epsilon = 1e-3, Momentum = 0.01")]
        [InlineData("Layout = \"NCHW\", Axes = \"H,W\", Channels = 64, TrackRunningStats = true")]
        [InlineData("Layout = \"NCHW\", Axes = \"C,H,W\", Channels = 4, Height = 8, Width = 8")]
        [InlineData("Layout = \"NLC\", Axes = \"C\", Channels = 8, Affine = false")]
        [InlineData("Layout = \"NC\", Axes = \"N\", Channels = 4, CumulativeAverage = true")]
        public Task Valid_values_are_not_reported(string arguments) => Verify.VerifyAsync(Layer(arguments));

        [Fact]
        public Task Double_element_type_is_not_reported() => Verify.VerifyAsync(
            Layer("""Layout = "NC", Axes = "N", Channels = 4""", "Normalize<double>"));
    }
}
