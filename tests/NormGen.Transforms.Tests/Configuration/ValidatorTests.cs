using System.Linq;
using NormGen.Configuration;

namespace NormGen.Transforms.Tests.Configuration
{
    public class ValidatorTests
    {
        private static WeightNormalizeOptions Weight(int dim, params int[] shape) =>
            new() { Shape = shape.ToEquatableArray(), Dim = dim };

        private static ScalerOptions Scaler(string layout, string axes, int channels = 4) =>
            new() { Kind = ScalerKind.Standard, Layout = layout, Axes = axes, Channels = channels };

        [Theory]
        [InlineData(0, 0)]
        [InlineData(3, 3)]
        [InlineData(-2, 2)]
        [InlineData(-4, 0)]
        public void Dim_below_minus_one_counts_from_the_end(int dim, int expected)
        {
            var result = WeightNormValidator.Validate(Weight(dim, 64, 3, 3, 3));
            Assert.Empty(result.Problems);
            Assert.Equal(expected, result.Configuration!.Dim);
            Assert.Equal(64 * 27, result.Configuration.Count);
        }

        [Fact]
        public void Dim_minus_one_is_the_whole_weight_as_PyTorch()
        {
            var result = WeightNormValidator.Validate(Weight(-1, 64, 3, 3, 3));
            Assert.Empty(result.Problems);
            Assert.True(result.Configuration!.IsWholeWeight);
            Assert.Equal((1, 1, 64 * 27), (result.Configuration.Outer, result.Configuration.Rows, result.Configuration.Inner));
        }

        [Fact]
        public void Dim_outside_the_rank_is_NG0040_with_the_valid_range()
        {
            var problem = Assert.Single(WeightNormValidator.Validate(Weight(4, 64, 3, 3, 3)).Problems);
            Assert.Equal(("NG0040", ProblemSeverity.Error, "Dim"), (problem.Id, problem.Severity, problem.Property));
            Assert.Equal(new[] { "4", "4", "[64, 3, 3, 3]", "-4", "3" }, problem.Arguments);
        }

        [Theory]
        [InlineData(new int[0], "it has no extents")]
        [InlineData(new[] { 4, -2 }, "extent -2 of dimension 1 is not positive")]
        [InlineData(new[] { 65536, 65536 }, "more elements than an array can hold")]
        public void Bad_shapes_are_NG0041(int[] shape, string reason)
        {
            var problem = Assert.Single(WeightNormValidator.Validate(Weight(0, shape)).Problems);
            Assert.Equal(("NG0041", "Shape"), (problem.Id, problem.Property));
            Assert.Contains(reason, problem.Arguments[1]);
        }

        [Theory]
        [InlineData(-1e-3)]
        [InlineData(double.NaN)]
        [InlineData(double.PositiveInfinity)]
        public void Bad_epsilon_is_NG0042(double epsilon)
        {
            var problem = Assert.Single(WeightNormValidator.Validate(Weight(0, 3) with { Epsilon = epsilon }).Problems);
            Assert.Equal(("NG0042", "Epsilon"), (problem.Id, problem.Property));
        }

        [Fact]
        public void Unsupported_element_types_are_NG0043_for_both_features()
        {
            var weight = Assert.Single(WeightNormValidator.Validate(Weight(0, 3) with { ElementType = "Half" }).Problems);
            var scaler = Assert.Single(ScalerValidator.Validate(Scaler("NC", "N") with { ElementType = "int", Kind = ScalerKind.MinMax }).Problems);
            Assert.Equal(new[] { "Half", "[WeightNormalize]" }, weight.Arguments);
            Assert.Equal(new[] { "int", "[MinMaxScaler]" }, scaler.Arguments);
            Assert.All(new[] { weight, scaler }, p => Assert.Equal("NG0043", p.Id));
        }

        [Theory]
        [InlineData("NX", "'X' is not an axis letter")]
        [InlineData("NCC", "'C' appears more than once")]
        [InlineData("NHW", "no C")]
        public void Bad_layouts_are_NG0044(string layout, string reason)
        {
            var problem = Assert.Single(ScalerValidator.Validate(Scaler(layout, "N")).Problems);
            Assert.Equal(("NG0044", "Layout", layout), (problem.Id, problem.Property, problem.Arguments[0]));
            Assert.Contains(reason, problem.Arguments[1]);
        }

        [Theory]
        [InlineData("", "no axis is given")]
        [InlineData("N,Q", "'Q' is not an axis letter")]
        [InlineData("N,H", "the layout has no axis H")]
        [InlineData("N, N", "N is named more than once")]
        public void Bad_axes_are_NG0045(string axes, string reason)
        {
            var problem = Assert.Single(ScalerValidator.Validate(Scaler("NC", axes)).Problems);
            Assert.Equal(("NG0045", "Axes", axes, "NC"), (problem.Id, problem.Property, problem.Arguments[0], problem.Arguments[1]));
            Assert.Contains(reason, problem.Arguments[2]);
        }

        [Fact]
        public void Kept_axes_without_a_fixed_extent_go_to_the_constructor_and_reduced_ones_stay_per_call()
        {
            var result = ScalerValidator.Validate(Scaler("NCHW", "N,H", channels: 0));
            Assert.Empty(result.Problems);
            var configuration = result.Configuration!;
            Assert.Equal(new[] { Axis.C, Axis.W }, configuration.ConstructionAxes.Select(a => a.Axis));
            Assert.Equal(new[] { Axis.N, Axis.H }, configuration.PerCallAxes.Select(a => a.Axis));
        }

        [Theory]
        [InlineData(1, 1)]
        [InlineData(2, 1)]
        [InlineData(0, double.PositiveInfinity)]
        [InlineData(double.NaN, 1)]
        public void A_feature_range_that_is_not_increasing_is_NG0047(double min, double max)
        {
            var options = Scaler("NC", "N") with { Kind = ScalerKind.MinMax, FeatureRangeMin = min, FeatureRangeMax = max };
            var problem = Assert.Single(ScalerValidator.Validate(options).Problems);
            Assert.Equal(("NG0047", "FeatureRangeMin"), (problem.Id, problem.Property));
        }

        [Fact]
        public void A_feature_range_is_ignored_by_the_standard_scaler_and_kept_by_min_max()
        {
            var standard = ScalerValidator.Validate(Scaler("NC", "N") with { FeatureRangeMin = 3, FeatureRangeMax = 1 });
            var minMax = ScalerValidator.Validate(Scaler("NC", "N") with { Kind = ScalerKind.MinMax, FeatureRangeMin = -2, FeatureRangeMax = 5 });
            Assert.Empty(standard.Problems);
            Assert.Equal((-2d, 5d), (minMax.Configuration!.FeatureRangeMin, minMax.Configuration.FeatureRangeMax));
        }

        [Theory]
        [InlineData(-3, 0, "positive")]
        [InlineData(0, 5, "the layout has no H axis")]
        public void Bad_extents_are_NG0048(int batch, int height, string reason)
        {
            var problem = Assert.Single(ScalerValidator.Validate(Scaler("NC", "N") with { Batch = batch, Height = height }).Problems);
            Assert.Equal("NG0048", problem.Id);
            Assert.Contains(reason, problem.Arguments[3]);
        }

        [Fact]
        public void Too_many_statistics_are_NG0048()
        {
            var problem = Assert.Single(ScalerValidator.Validate(Scaler("NCH", "N", channels: 65536) with { Height = 65536 }).Problems);
            Assert.Equal(("NG0048", "Channels * Height"), (problem.Id, problem.Arguments[0]));
        }

        [Fact]
        public void Kept_extents_fixed_in_the_attribute_need_no_constructor()
        {
            var configuration = ScalerValidator.Validate(Scaler("NHWC", "N", channels: 3) with { Height = 4, Width = 5 }).Configuration!;
            Assert.Equal(new[] { 4, 5, 3 }, configuration.Layout.Where(a => !a.Reduced).Select(a => a.FixedExtent));
            Assert.Empty(configuration.ConstructionAxes);
            Assert.Equal(new[] { Axis.N }, configuration.PerCallAxes.Select(a => a.Axis));
        }
    }
}
