using System.Threading.Tasks;
using NormGen.Configuration;
using Xunit;
using Verify = NormGen.Analyzers.Tests.AnalyzerTest<NormGen.Analyzers.LayerConstructionAnalyzer>;

namespace NormGen.Analyzers.Tests
{
    /// <summary>Constant arguments of the generated constructor: the generator runs so that <c>new BlockNorm(64)</c> binds.</summary>
    public class LayerConstructionAnalyzerTests
    {
        private const string Layers = """
            using NormGen;

            [Normalize(Axes = "N,H,W", Groups = 8)]
            public partial class BlockNorm { }

            [Normalize(Axes = "N,H,W")]
            public partial class StemNorm { }

            [Normalize(Axes = "C,H,W")]
            public partial class PlaneNorm { }

            [Normalize(Axes = "C,H,W", Height = 8)]
            public partial class RowNorm { }

            """;

        private const string PositiveChannels = "pass BlockNorm the number of channels (features), a positive number";

        [Fact]
        public Task Channel_count_not_a_multiple_of_the_groups_is_NG0004_naming_the_nearest_multiples() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public static class Build
            {
                public static BlockNorm Positional() => new BlockNorm({|#0:30|});

                public static BlockNorm Named() => new BlockNorm({|#1:channels: 3|});

                public static BlockNorm Large() => new BlockNorm({|#2:100|});
            }
            """,
            Verify.Diagnostic(Rules.ChannelsNotDivisibleByGroups.Descriptor).WithLocation(0).WithArguments("30", "8", "24 or 32 channels"),
            Verify.Diagnostic(Rules.ChannelsNotDivisibleByGroups.Descriptor).WithLocation(1).WithArguments("3", "8", "8 channels"),
            Verify.Diagnostic(Rules.ChannelsNotDivisibleByGroups.Descriptor).WithLocation(2).WithArguments("100", "8", "96 or 104 channels"));

        [Fact]
        public Task Constants_are_seen_through_const_locals_and_fields_and_target_typed_new() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public class Model
            {
                private const int Width = 30;

                private readonly BlockNorm _stem = new({|#0:Width|});

                public BlockNorm Local()
                {
                    const int channels = 12;
                    return new BlockNorm({|#1:channels|});
                }

                public BlockNorm Sum() => new BlockNorm({|#2:Width + 2 * 3|});
            }
            """,
            Verify.Diagnostic(Rules.ChannelsNotDivisibleByGroups.Descriptor).WithLocation(0).WithArguments("30", "8", "24 or 32 channels"),
            Verify.Diagnostic(Rules.ChannelsNotDivisibleByGroups.Descriptor).WithLocation(1).WithArguments("12", "8", "8 or 16 channels"),
            Verify.Diagnostic(Rules.ChannelsNotDivisibleByGroups.Descriptor).WithLocation(2).WithArguments("36", "8", "32 or 40 channels"));

        [Fact]
        public Task Channel_count_that_is_not_positive_is_NG0013_at_the_argument() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public static class Build
            {
                public static BlockNorm Zero() => new BlockNorm({|#0:0|});

                public static BlockNorm Negative() => new({|#1:channels: -3|});

                public static StemNorm Stem() => new StemNorm({|#2:-64|});
            }
            """,
            Verify.Diagnostic(Rules.ChannelsNotPositive.Descriptor).WithLocation(0).WithArguments("0", PositiveChannels),
            Verify.Diagnostic(Rules.ChannelsNotPositive.Descriptor).WithLocation(1).WithArguments("-3", PositiveChannels),
            Verify.Diagnostic(Rules.ChannelsNotPositive.Descriptor).WithLocation(2).WithArguments("-64", "pass StemNorm the number of channels (features), a positive number"));

        [Fact]
        public Task Element_wise_extent_that_is_not_positive_is_NG0028_at_the_argument() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public static class Build
            {
                public static PlaneNorm Positional() => new PlaneNorm(64, {|#0:0|}, 8);

                public static PlaneNorm Named() => new PlaneNorm({|#1:width: -8|}, {|#2:channels: 0|}, height: 8);

                public static RowNorm Row() => new RowNorm(4, {|#3:0|});
            }
            """,
            Verify.Diagnostic(Rules.DimensionNotPositive.Descriptor).WithLocation(0).WithArguments("PlaneNorm's constructor", "height", "0"),
            Verify.Diagnostic(Rules.DimensionNotPositive.Descriptor).WithLocation(1).WithArguments("PlaneNorm's constructor", "width", "-8"),
            Verify.Diagnostic(Rules.ChannelsNotPositive.Descriptor).WithLocation(2).WithArguments("0", "pass PlaneNorm the number of channels (features), a positive number"),
            Verify.Diagnostic(Rules.DimensionNotPositive.Descriptor).WithLocation(3).WithArguments("RowNorm's constructor", "width", "0"));

        [Fact]
        public Task Scaler_constructor_extents_that_are_not_positive_are_NG0013_and_NG0028() => Verify.VerifyWithGeneratorAsync(
            """
            using NormGen;

            [StandardScaler(Layout = "NCHW", Axes = "N")]
            public partial class PixelScaler { }

            [MinMaxScaler(Layout = "NC", Axes = "N")]
            public partial class FeatureScaler { }

            public static class Build
            {
                public static PixelScaler Pixels() => new PixelScaler(3, {|#0:0|}, 8);

                public static FeatureScaler Features() => new FeatureScaler({|#1:-4|});

                public static object[] Valid(int height) => new object[] { new PixelScaler(3, height, 8), new FeatureScaler(13) };
            }
            """,
            Verify.Diagnostic(Rules.DimensionNotPositive.Descriptor).WithLocation(0).WithArguments("PixelScaler's constructor", "height", "0"),
            Verify.Diagnostic(Rules.ChannelsNotPositive.Descriptor).WithLocation(1).WithArguments("-4", "pass FeatureScaler the number of channels (features), a positive number"));

        [Fact]
        public Task Valid_or_unknown_arguments_and_fixed_channels_are_not_reported() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            [Normalize(Axes = "N,H,W", Channels = 30)]
            public partial class FixedNorm { }

            public static class Build
            {
                public static object[] All(int channels) => new object[]
                {
                    new BlockNorm(64),
                    new BlockNorm(8),
                    new BlockNorm(channels),
                    new StemNorm(3),
                    new PlaneNorm(64, 8, 8),
                    new RowNorm(channels: 4, width: 1),
                    new FixedNorm(),
                };
            }
            """);
    }
}
