using System.Threading.Tasks;
using NormGen.Configuration;
using Xunit;
using Verify = NormGen.Analyzers.Tests.AnalyzerTest<NormGen.Analyzers.TransformConfigurationAnalyzer>;

namespace NormGen.Analyzers.Tests
{
    public class TransformConfigurationAnalyzerTests
    {
        private static string Declare(string attribute) => "using NormGen;\n[" + attribute + "]\npublic partial class Target { }\n";

        [Fact]
        public Task Dim_outside_the_rank_is_NG0040_at_Dim_with_the_valid_range() => Verify.VerifyAsync(
            Declare("WeightNormalize(Shape = new[] { 64, 3, 3, 3 }, {|#0:Dim = 4|})"),
            Verify.Diagnostic(Rules.DimOutOfRange.Descriptor).WithLocation(0).WithArguments("4", "4", "[64, 3, 3, 3]", "-4", "3"));

        [Fact]
        public Task Dim_below_minus_rank_is_NG0040() => Verify.VerifyAsync(
            Declare("WeightNormalize<double>(Shape = new[] { 8, 8 }, {|#0:Dim = -3|})"),
            Verify.Diagnostic(Rules.DimOutOfRange.Descriptor).WithLocation(0).WithArguments("-3", "2", "[8, 8]", "-2", "1"));

        [Fact]
        public Task Missing_shape_is_NG0041_at_the_attribute() => Verify.VerifyAsync(
            Declare("{|#0:WeightNormalize(Dim = 0)|}"),
            Verify.Diagnostic(Rules.InvalidWeightShape.Descriptor).WithLocation(0)
                .WithArguments("[]", "it has no extents; list the weight's extents, for example Shape = new[] { 64, 3, 3, 3 }"));

        [Fact]
        public Task Non_positive_extent_is_NG0041_at_Shape() => Verify.VerifyAsync(
            Declare("WeightNormalize({|#0:Shape = new[] { 8, 0, 3 }|})"),
            Verify.Diagnostic(Rules.InvalidWeightShape.Descriptor).WithLocation(0).WithArguments("[8, 0, 3]", "extent 0 of dimension 1 is not positive"));

        [Theory]
        [InlineData("-1.0", "-1")]
        [InlineData("double.NaN", "NaN")]
        [InlineData("double.PositiveInfinity", "Infinity")]
        public Task Negative_or_non_finite_epsilon_is_NG0042(string written, string shown) => Verify.VerifyAsync(
            Declare("WeightNormalize(Shape = new[] { 4, 4 }, {|#0:Epsilon = " + written + "|})"),
            Verify.Diagnostic(Rules.WeightEpsilonOutOfRange.Descriptor).WithLocation(0).WithArguments(shown));

        [Theory]
        [InlineData("WeightNormalize<int>(Shape = new[] { 4 })", "int", "[WeightNormalize]")]
        [InlineData("MinMaxScaler<long>(Layout = \"NC\", Axes = \"N\", Channels = 4)", "long", "[MinMaxScaler]")]
        [InlineData("StandardScaler<decimal>(Layout = \"NC\", Axes = \"N\", Channels = 4)", "decimal", "[StandardScaler]")]
        public Task Element_type_other_than_float_or_double_is_NG0043_at_the_attribute(string attribute, string type, string name) => Verify.VerifyAsync(
            Declare("{|#0:" + attribute + "|}"),
            Verify.Diagnostic(Rules.TransformElementTypeUnsupported.Descriptor).WithLocation(0).WithArguments(type, name));

        [Theory]
        [InlineData("NXC", "'X' is not an axis letter (N, C, D, H, W, L)")]
        [InlineData("NCC", "'C' appears more than once")]
        [InlineData("NL", "it has no C (channels or features) axis")]
        public Task Bad_scaler_layout_is_NG0044_at_Layout(string layout, string reason) => Verify.VerifyAsync(
            Declare("StandardScaler({|#0:Layout = \"" + layout + "\"|}, Axes = \"N\", Channels = 4)"),
            Verify.Diagnostic(Rules.InvalidScalerLayout.Descriptor).WithLocation(0).WithArguments(layout, reason));

        [Theory]
        [InlineData("N,H", "the layout has no axis H")]
        [InlineData("N,N", "N is named more than once")]
        [InlineData("X", "'X' is not an axis letter (N, C, D, H, W, L)")]
        [InlineData("", "no axis is given; name the axes statistics are computed over, for example \"N\"")]
        public Task Bad_scaler_axes_is_NG0045_at_Axes(string axes, string reason) => Verify.VerifyAsync(
            Declare("MinMaxScaler(Layout = \"NC\", {|#0:Axes = \"" + axes + "\"|}, Channels = 4)"),
            Verify.Diagnostic(Rules.InvalidScalerAxes.Descriptor).WithLocation(0).WithArguments(axes, "NC", reason));

        [Theory]
        [InlineData("StandardScaler(Layout = \"NC\", Axes = \"N\")")]
        [InlineData("StandardScaler(Layout = \"NCHW\", Axes = \"N,H\", Channels = 3, Width = 0)")]
        public Task Kept_axes_not_fixed_are_constructor_extents_without_a_diagnostic(string attribute) =>
            Verify.VerifyAsync(Declare(attribute));

        [Theory]
        [InlineData("1.0", "1.0", "1", "1")]
        [InlineData("2.0", "-1.0", "2", "-1")]
        [InlineData("double.NegativeInfinity", "1.0", "-Infinity", "1")]
        public Task Empty_or_infinite_feature_range_is_NG0047_at_FeatureRangeMin(string min, string max, string shownMin, string shownMax) => Verify.VerifyAsync(
            Declare("MinMaxScaler(Layout = \"NC\", Axes = \"N\", Channels = 4, {|#0:FeatureRangeMin = " + min + "|}, FeatureRangeMax = " + max + ")"),
            Verify.Diagnostic(Rules.InvalidFeatureRange.Descriptor).WithLocation(0).WithArguments(shownMin, shownMax));

        [Fact]
        public Task Feature_range_with_only_the_maximum_written_is_NG0047_at_the_attribute() => Verify.VerifyAsync(
            Declare("{|#0:MinMaxScaler(Layout = \"NC\", Axes = \"N\", Channels = 4, FeatureRangeMax = -1.0)|}"),
            Verify.Diagnostic(Rules.InvalidFeatureRange.Descriptor).WithLocation(0).WithArguments("0", "-1"));

        [Fact]
        public Task Negative_extent_is_NG0048_at_its_argument() => Verify.VerifyAsync(
            Declare("StandardScaler(Layout = \"NC\", Axes = \"N\", Channels = 4, {|#0:Batch = -1|})"),
            Verify.Diagnostic(Rules.InvalidScalerExtent.Descriptor).WithLocation(0).WithArguments("Batch", "-1", "NC", "an extent is positive, or 0 to give it per call (axes in Axes) or to the constructor (the others)"));

        [Fact]
        public Task Extent_of_an_absent_axis_is_NG0048_at_its_argument() => Verify.VerifyAsync(
            Declare("MinMaxScaler<double>(Layout = \"NC\", Axes = \"N\", Channels = 4, {|#0:Height = 4|})"),
            Verify.Diagnostic(Rules.InvalidScalerExtent.Descriptor).WithLocation(0).WithArguments("Height", "4", "NC", "the layout has no H axis"));

        [Fact]
        public Task Too_many_kept_statistics_is_NG0048_at_the_attribute() => Verify.VerifyAsync(
            Declare("{|#0:StandardScaler(Layout = \"NCHW\", Axes = \"N\", Channels = 65536, Height = 65536, Width = 2)|}"),
            Verify.Diagnostic(Rules.InvalidScalerExtent.Descriptor).WithLocation(0)
                .WithArguments("Channels * Height * Width", "65536 * 65536 * 2", "NCHW", "the scaler would keep more statistics than an array can hold"));

        [Fact]
        public Task Every_problem_of_one_attribute_is_reported() => Verify.VerifyAsync(
            Declare("WeightNormalize(Shape = new[] { 4, 4 }, {|#0:Dim = 2|}, {|#1:Epsilon = -1.0|})"),
            Verify.Diagnostic(Rules.DimOutOfRange.Descriptor).WithLocation(0).WithArguments("2", "2", "[4, 4]", "-2", "1"),
            Verify.Diagnostic(Rules.WeightEpsilonOutOfRange.Descriptor).WithLocation(1).WithArguments("-1"));

        [Theory]
        [InlineData("WeightNormalize(Shape = new[] { 64, 3, 3, 3 })")]
        [InlineData("WeightNormalize<double>(Shape = new[] { 16, 8 }, Dim = -1, Epsilon = 1e-12)")]
        [InlineData("WeightNormalize<float>(Shape = new[] { 16, 8 }, Dim = -2)")]
        [InlineData("MinMaxScaler(Layout = \"NC\", Axes = \"N\", Channels = 4, FeatureRangeMin = -1.0, Clip = true)")]
        [InlineData("MinMaxScaler<double>(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 3)")]
        [InlineData("StandardScaler(Layout = \"NHWC\", Axes = \"N\", Channels = 3, Height = 8, Width = 8)")]
        [InlineData("StandardScaler<float>(Layout = \"NLC\", Axes = \"N,L\", Channels = 16, Batch = 4)")]
        public Task Valid_weights_and_scalers_are_not_reported(string attribute) => Verify.VerifyAsync(Declare(attribute));

        [Fact]
        public Task Normalize_attributes_are_left_to_their_own_analyzers() => Verify.VerifyAsync(
            Declare("Normalize(Layout = \"NXC\", Axes = \"N\")"));
    }
}
