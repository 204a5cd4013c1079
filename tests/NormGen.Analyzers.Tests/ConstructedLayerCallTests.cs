using System.Threading.Tasks;
using NormGen.Configuration;
using Xunit;
using Verify = NormGen.Analyzers.Tests.AnalyzerTest<NormGen.Analyzers.ForwardCallAnalyzer>;

namespace NormGen.Analyzers.Tests
{
    /// <summary>Calls of layers whose channel count (or element-wise extents) went to the constructor: Forward and Backward
    /// no longer take those extents, so the shape comes from the construction when it is a visible constant.</summary>
    public class ConstructedLayerCallTests
    {
        private const string Layers = """
            using System;
            using NormGen;

            [Normalize(Axes = "N,H,W")]
            public partial class StemNorm { }

            [Normalize(Axes = "N,H,W", Groups = 4)]
            public partial class BlockNorm { }

            [Normalize(Axes = "C,H,W")]
            public partial class PlaneNorm { }

            """;

        private const string BatchOfOne = "Forward is called with batch = 1 in training";

        [Fact]
        public Task Batch_of_one_in_training_is_NG0005_through_a_local_a_readonly_field_and_a_get_only_property() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public class Model
            {
                private readonly StemNorm _field = new(64);

                public StemNorm Property { get; } = new StemNorm(64);

                public void Step(float[] x, float[] y)
                {
                    var local = new BlockNorm(64);
                    local.Forward(x, y, {|#0:1|}, 8, 8);
                    _field.Forward(x, y, {|#1:batch: 1|}, height: 8, width: 8);
                    Property.Forward(x, y, {|#2:1|}, 8, 8);
                }
            }
            """,
            Verify.Diagnostic(Rules.BatchOfOne.Descriptor).WithLocation(0).WithArguments("N,H,W", BatchOfOne),
            Verify.Diagnostic(Rules.BatchOfOne.Descriptor).WithLocation(1).WithArguments("N,H,W", BatchOfOne),
            Verify.Diagnostic(Rules.BatchOfOne.Descriptor).WithLocation(2).WithArguments("N,H,W", BatchOfOne));

        [Fact]
        public Task Span_length_against_the_constructed_channel_count_is_NG0029() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public class Model
            {
                private const int Channels = 3;

                private readonly StemNorm _field = new(Channels);

                public StemNorm Property => new StemNorm(channels: 3);

                public void Step()
                {
                    var local = new StemNorm(3);
                    local.Forward({|#0:new float[12]|}, new float[24], 2, 2, 2);
                    _field.Forward(new float[24], {|#1:new float[16]|}, 2, 2, 2);
                    Property.Backward(new float[24], new float[24], {|#2:stackalloc float[8]|}, 2, 2, 2);
                    local.Forward(new float[24], new float[24], 2, 2, 2);
                }
            }
            """,
            Verify.Diagnostic(Rules.SpanLengthMismatch.Descriptor).WithLocation(0).WithArguments("input", "12", "NCHW (2, 3, 2, 2)", "24"),
            Verify.Diagnostic(Rules.SpanLengthMismatch.Descriptor).WithLocation(1).WithArguments("output", "16", "NCHW (2, 3, 2, 2)", "24"),
            Verify.Diagnostic(Rules.SpanLengthMismatch.Descriptor).WithLocation(2).WithArguments("inputGrad", "8", "NCHW (2, 3, 2, 2)", "24"));

        [Fact]
        public Task Element_wise_extents_given_to_the_constructor_complete_the_shape() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public static class Run
            {
                public static void Step(int n)
                {
                    var plane = new PlaneNorm(width: 4, height: 2, channels: 3);
                    plane.Forward({|#0:new float[48]|}, new float[24], 1);
                    plane.Forward({|#1:new float[30]|}, new float[48], n);
                }
            }
            """,
            Verify.Diagnostic(Rules.SpanLengthMismatch.Descriptor).WithLocation(0).WithArguments("input", "48", "NCHW (1, 3, 2, 4)", "24"),
            Verify.Diagnostic(Rules.SpanLengthNotMultiple.Descriptor).WithLocation(1).WithArguments("input", "30", "24", "C = 3, H = 2, W = 4"));

        [Fact]
        public Task Channel_count_out_of_sight_leaves_the_exact_length_unchecked() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public class Model
            {
                private readonly StemNorm _reassigned = new(3);
                private StemNorm _writable = new(3);

                public Model(int channels) => _reassigned = new StemNorm(channels);

                public StemNorm Settable { get; set; } = new StemNorm(3);

                public void Step(StemNorm given, int channels)
                {
                    var unknown = new StemNorm(channels);
                    var replaced = new StemNorm(3);
                    replaced = new StemNorm(channels);
                    given.Forward(new float[16], new float[16], 2, 2, 2);
                    unknown.Forward(new float[16], new float[16], 2, 2, 2);
                    replaced.Forward(new float[16], new float[16], 2, 2, 2);
                    _reassigned.Forward(new float[16], new float[16], 2, 2, 2);
                    _writable.Forward(new float[16], new float[16], 2, 2, 2);
                    Settable.Forward(new float[16], new float[16], 2, 2, 2);
                }
            }
            """);

        [Fact]
        public Task Channel_count_out_of_sight_still_rules_out_lengths_no_count_fits() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public static class Run
            {
                public static void Step(StemNorm given)
                {
                    given.Forward({|#0:new float[12]|}, new float[16], 2, 2, 2);
                    given.Forward(new float[16], {|#1:new float[24]|}, 2, 2, 2);
                }
            }
            """,
            Verify.Diagnostic(Rules.SpanLengthNotMultiple.Descriptor).WithLocation(0).WithArguments("input", "12", "8", "N = 2, H = 2, W = 2"),
            Verify.Diagnostic(Rules.SpanLengthsDiffer.Descriptor).WithLocation(1).WithArguments("input", "16", "output", "24", "Forward"));

        [Fact]
        public Task One_value_per_group_in_training_is_NG0032_when_the_constructed_count_makes_groups_of_one() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public static class Run
            {
                public static void Step(float[] x, float[] y, int channels)
                {
                    var single = new BlockNorm(4);
                    {|#0:single.Forward(x, y, 1, 1, 1)|};
                    var pairs = new BlockNorm(8);
                    pairs.Forward(x, y, {|#1:1|}, 1, 1);
                    var unknown = new BlockNorm(channels);
                    unknown.Forward(x, y, {|#2:1|}, 1, 1);
                }
            }
            """,
            Verify.Diagnostic(Rules.SingleValuePerStatisticAtCall.Descriptor).WithLocation(0).WithArguments("Forward", "N = 1, H = 1, W = 1", "N,H,W"),
            Verify.Diagnostic(Rules.BatchOfOne.Descriptor).WithLocation(1).WithArguments("N,H,W", BatchOfOne),
            Verify.Diagnostic(Rules.BatchOfOne.Descriptor).WithLocation(2).WithArguments("N,H,W", BatchOfOne));

        [Fact]
        public Task A_construction_the_constructor_rejects_leaves_its_calls_unchecked() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public static class Run
            {
                public static void Step()
                {
                    var empty = new StemNorm(0);
                    empty.Forward(new float[12], new float[5], 2, 2, 2);
                }
            }
            """);
    }
}
