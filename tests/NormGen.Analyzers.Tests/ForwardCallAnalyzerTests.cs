using System.Threading.Tasks;
using NormGen.Configuration;
using Xunit;
using Verify = NormGen.Analyzers.Tests.AnalyzerTest<NormGen.Analyzers.ForwardCallAnalyzer>;

namespace NormGen.Analyzers.Tests
{
    /// <summary>Calls of the generated members: the generator runs in these tests so that they bind.</summary>
    public class ForwardCallAnalyzerTests
    {
        private const string Layers = """
            using System;
            using NormGen;

            [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 4)]
            public partial class BatchNorm2d { }

            [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
            public partial class BatchNorm1d { }

            [Normalize(Layout = "NCHW", Axes = "H,W", Channels = 4)]
            public partial class InstanceNorm2d { }

            [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 3, Height = 2, Width = 2)]
            public partial class FixedImageNorm { }

            """;

        [Fact]
        public Task Batch_of_one_in_training_is_NG0005_at_the_argument() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public class Model
            {
                private readonly BatchNorm2d _norm = new BatchNorm2d();

                public void Step(float[] x, float[] y) => _norm.Forward(x, y, {|#0:batch: 1|}, height: 8, width: 8);
            }
            """,
            Verify.Diagnostic(Rules.BatchOfOne.Descriptor).WithLocation(0).WithArguments("N,H,W", "Forward is called with batch = 1 in training"));

        [Fact]
        public Task Batch_of_one_on_a_local_created_in_place_is_NG0005() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public static class Run
            {
                public static void Step(float[] x, float[] y)
                {
                    var norm = new BatchNorm2d();
                    norm.Forward(x, y, {|#0:1|}, 8, 8);
                }
            }
            """,
            Verify.Diagnostic(Rules.BatchOfOne.Descriptor).WithLocation(0).WithArguments("N,H,W", "Forward is called with batch = 1 in training"));

        [Theory]
        [InlineData("public void Eval() => _norm.Training = false;")]
        [InlineData("public void Mode(bool training) => _norm.Training = training;")]
        public Task Batch_of_one_is_not_reported_where_Training_is_visibly_changed(string member) => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public class Model
            {
                private readonly BatchNorm2d _norm = new BatchNorm2d();

                public void Step(float[] x, float[] y) => _norm.Forward(x, y, 1, 8, 8);

            """ + member + "\n}\n");

        [Fact]
        public Task Batch_of_one_is_not_reported_for_a_layer_of_unknown_mode_a_larger_batch_or_InstanceNorm() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public static class Run
            {
                public static void Given(BatchNorm2d given, float[] x, float[] y) => given.Forward(x, y, 1, 8, 8);

                public static void Evaluate(float[] x, float[] y)
                {
                    var norm = new BatchNorm2d { Training = false };
                    norm.Forward(x, y, 1, 8, 8);
                }

                public static void Step(float[] x, float[] y, int n)
                {
                    var other = new BatchNorm2d();
                    other.Forward(x, y, 2, 8, 8);
                    other.Forward(x, y, n, 8, 8);
                    other.Backward(x, y, x, 1, 8, 8);
                    new InstanceNorm2d().Forward(x, y, 1, 8, 8);
                }
            }
            """);

        [Fact]
        public Task Non_positive_extent_is_NG0028() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public static class Run
            {
                public static void Step(BatchNorm2d norm, float[] x, float[] y)
                {
                    norm.Forward(x, y, 2, {|#0:0|}, 8);
                    norm.Backward(x, y, x, {|#1:batch: -1|}, height: 8, width: 8);
                }
            }
            """,
            Verify.Diagnostic(Rules.DimensionNotPositive.Descriptor).WithLocation(0).WithArguments("Forward", "height", "0"),
            Verify.Diagnostic(Rules.DimensionNotPositive.Descriptor).WithLocation(1).WithArguments("Backward", "batch", "-1"));

        [Fact]
        public Task Visible_span_length_that_differs_from_a_known_shape_is_NG0029() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public static class Run
            {
                public static void Step(FixedImageNorm norm)
                {
                    norm.Forward({|#0:new float[12]|}, new float[24], 2);
                    norm.Forward(new float[24], {|#1:stackalloc float[20]|}, 2);
                    norm.Forward(new float[24], new float[24], 2);
                }
            }
            """,
            Verify.Diagnostic(Rules.SpanLengthMismatch.Descriptor).WithLocation(0).WithArguments("input", "12", "NCHW (2, 3, 2, 2)", "24"),
            Verify.Diagnostic(Rules.SpanLengthMismatch.Descriptor).WithLocation(1).WithArguments("output", "20", "NCHW (2, 3, 2, 2)", "24"));

        [Fact]
        public Task Visible_span_length_that_no_per_call_extent_fits_is_NG0030() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public static class Run
            {
                public static void Step(FixedImageNorm norm, int n)
                {
                    norm.Forward({|#0:new float[] { 1, 2, 3, 4, 5 }|}, new float[12], n);
                    norm.Forward(new float[36], {|#1:[]|}, n);
                    norm.Forward(new float[36], new float[36], n);
                }
            }
            """,
            Verify.Diagnostic(Rules.SpanLengthNotMultiple.Descriptor).WithLocation(0).WithArguments("input", "5", "12", "C = 3, H = 2, W = 2"),
            Verify.Diagnostic(Rules.SpanLengthNotMultiple.Descriptor).WithLocation(1).WithArguments("output", "0", "12", "C = 3, H = 2, W = 2"));

        [Fact]
        public Task Visible_spans_of_different_lengths_are_NG0031() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public static class Run
            {
                public static void Step(FixedImageNorm norm, float[] dy, int n)
                {
                    norm.Forward(new float[12], {|#0:new float[24]|}, n);
                    norm.Backward(new float[12], dy, {|#1:new float[36]|}, n);
                }
            }
            """,
            Verify.Diagnostic(Rules.SpanLengthsDiffer.Descriptor).WithLocation(0).WithArguments("input", "12", "output", "24", "Forward"),
            Verify.Diagnostic(Rules.SpanLengthsDiffer.Descriptor).WithLocation(1).WithArguments("input", "12", "inputGrad", "36", "Backward"));

        [Fact]
        public Task One_value_per_statistic_in_training_is_NG0032() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public static class Run
            {
                public static void Step(float[] x, float[] y)
                {
                    var instance = new InstanceNorm2d();
                    {|#0:instance.Forward(x, y, 2, 1, 1)|};
                    var batch = new BatchNorm1d();
                    {|#1:batch.Forward(x, y, 1)|};
                }
            }
            """,
            Verify.Diagnostic(Rules.SingleValuePerStatisticAtCall.Descriptor).WithLocation(0).WithArguments("Forward", "H = 1, W = 1", "H,W"),
            Verify.Diagnostic(Rules.SingleValuePerStatisticAtCall.Descriptor).WithLocation(1).WithArguments("Forward", "N = 1", "N"));

        /// <summary>RMSNorm is defined on one value per statistic and on a batch of one: nothing to report.</summary>
        [Fact]
        public Task RMSNorm_training_calls_with_one_value_per_statistic_or_a_batch_of_one_are_no_diagnostic() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 4, Center = false)]
            public partial class BatchRmsNorm { }

            public static class Run
            {
                public static void Step(float[] x, float[] y)
                {
                    var rms = new BatchRmsNorm();
                    rms.Forward(x, y, 1, 1, 1);
                    rms.Forward(x, y, batch: 1, height: 8, width: 8);
                }
            }
            """);

        [Fact]
        public Task Shape_span_overload_and_methods_of_other_types_are_not_analyzed() => Verify.VerifyWithGeneratorAsync(
            Layers + """
            public class Other
            {
                public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch, int height, int width) { }
            }

            public static class Run
            {
                public static void Step(float[] x, float[] y)
                {
                    new BatchNorm2d().Forward(x, y, new[] { 1, 4, 8, 8 });
                    new Other().Forward(new float[3], new float[5], 1, 0, 8);
                }
            }
            """);

        [Theory]
        [InlineData("Run.g.cs", "")]
        [InlineData("Run.cs", "// <auto-generated/>\n")]
        public Task Calls_in_generated_code_are_not_analyzed(string fileName, string header) => Verify.VerifyWithGeneratorAsync(
            Layers,
            (fileName, header + """
            public static class Run
            {
                public static void Step(float[] x, float[] y) => new BatchNorm2d().Forward(new float[3], y, 1, 0, 8);
            }
            """));
    }
}
