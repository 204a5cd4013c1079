using System.Threading.Tasks;
using NormGen.Configuration;
using Xunit;
using Verify = NormGen.Analyzers.Tests.AnalyzerTest<NormGen.Analyzers.PartialDeclarationAnalyzer>;

namespace NormGen.Analyzers.Tests
{
    public class PartialDeclarationAnalyzerTests
    {
        [Fact]
        public Task Class_without_partial_is_NG0001() => Verify.VerifyAsync(
            """
            using NormGen;
            [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
            public class {|#0:Norm|} { }
            """,
            Verify.Diagnostic(Rules.NotPartial.Descriptor).WithLocation(0).WithArguments("Norm", "Norm"));

        [Fact]
        public Task Containing_type_without_partial_is_NG0001_once_naming_the_first_annotated_class() => Verify.VerifyAsync(
            """
            using NormGen;
            public class {|#0:Outer|}
            {
                public partial class Middle
                {
                    [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
                    public partial class First { }

                    [Normalize(Layout = "NC", Axes = "N", Channels = 8)]
                    public partial class Second { }
                }
            }
            """,
            Verify.Diagnostic(Rules.NotPartial.Descriptor).WithLocation(0).WithArguments("Outer", "First"));

        [Fact]
        public Task Every_type_in_the_chain_that_is_not_partial_is_reported() => Verify.VerifyAsync(
            """
            using NormGen;
            public class {|#0:Outer|}
            {
                [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
                public class {|#1:Norm|} { }
            }
            """,
            Verify.Diagnostic(Rules.NotPartial.Descriptor).WithLocation(0).WithArguments("Outer", "Norm"),
            Verify.Diagnostic(Rules.NotPartial.Descriptor).WithLocation(1).WithArguments("Norm", "Norm"));

        [Fact]
        public Task Partial_declarations_and_unannotated_classes_are_not_reported() => Verify.VerifyAsync(
            """
            using NormGen;
            public partial class Outer
            {
                [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
                public partial class Norm { }
            }

            public class Plain
            {
                public class Nested { }
            }
            """);

        [Fact]
        public Task Static_class_is_NG0023() => Verify.VerifyAsync(
            """
            using NormGen;
            [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
            public static partial class {|#0:Norm|} { }
            """,
            Verify.Diagnostic(Rules.StaticClass.Descriptor).WithLocation(0).WithArguments("Norm"));

        [Fact]
        public Task Both_attribute_forms_are_NG0027_on_the_later_attribute() => Verify.VerifyAsync(
            """
            using NormGen;
            [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
            [{|#0:Normalize<double>(Layout = "NC", Axes = "N", Channels = 4)|}]
            public partial class Norm { }
            """,
            Verify.Diagnostic(Rules.MultipleAttributes.Descriptor).WithLocation(0).WithArguments("Norm", "[Normalize], [Normalize<double>]"));

        [Fact]
        public Task One_attribute_of_either_form_is_not_NG0027() => Verify.VerifyAsync(
            """
            using NormGen;
            [Normalize<double>(Layout = "NC", Axes = "N", Channels = 4)]
            public partial class Norm64 { }

            [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
            public partial class Norm32 { }
            """);

        [Theory]
        [InlineData("WeightNormalize(Shape = new[] { 8, 4 })")]
        [InlineData("WeightNormalize<double>(Shape = new[] { 8, 4 })")]
        [InlineData("MinMaxScaler(Layout = \"NC\", Axes = \"N\", Channels = 4)")]
        [InlineData("StandardScaler<double>(Layout = \"NC\", Axes = \"N\", Channels = 4)")]
        public Task Weight_or_scaler_class_without_partial_is_NG0001(string attribute) => Verify.VerifyAsync(
            "using NormGen;\n[" + attribute + "]\npublic class {|#0:Target|} { }\n",
            Verify.Diagnostic(Rules.NotPartial.Descriptor).WithLocation(0).WithArguments("Target", "Target"));

        [Fact]
        public Task Containing_type_of_a_scaler_without_partial_is_NG0001_naming_the_scaler() => Verify.VerifyAsync(
            """
            using NormGen;
            public class {|#0:Model|}
            {
                [StandardScaler(Layout = "NC", Axes = "N", Channels = 4)]
                public partial class InputScaler { }
            }
            """,
            Verify.Diagnostic(Rules.NotPartial.Descriptor).WithLocation(0).WithArguments("Model", "InputScaler"));

        [Theory]
        [InlineData("WeightNormalize<float>(Shape = new[] { 8, 4 })")]
        [InlineData("StandardScaler(Layout = \"NC\", Axes = \"N\", Channels = 4)")]
        [InlineData("MinMaxScaler<double>(Layout = \"NC\", Axes = \"N\", Channels = 4)")]
        public Task Static_weight_or_scaler_class_is_NG0023(string attribute) => Verify.VerifyAsync(
            "using NormGen;\n[" + attribute + "]\npublic static partial class {|#0:Target|} { }\n",
            Verify.Diagnostic(Rules.StaticClass.Descriptor).WithLocation(0).WithArguments("Target"));

        [Fact]
        public Task Normalize_with_WeightNormalize_is_NG0027_on_the_later_attribute() => Verify.VerifyAsync(
            """
            using NormGen;
            [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
            [{|#0:WeightNormalize(Shape = new[] { 4, 4 })|}]
            public partial class Layer { }
            """,
            Verify.Diagnostic(Rules.MultipleAttributes.Descriptor).WithLocation(0).WithArguments("Layer", "[Normalize], [WeightNormalize]"));

        [Fact]
        public Task Two_scalers_are_NG0027_naming_each_form_as_written() => Verify.VerifyAsync(
            """
            using NormGen;
            [MinMaxScaler<double>(Layout = "NC", Axes = "N", Channels = 4)]
            [{|#0:StandardScaler(Layout = "NC", Axes = "N", Channels = 4)|}]
            public partial class Scaler { }
            """,
            Verify.Diagnostic(Rules.MultipleAttributes.Descriptor).WithLocation(0).WithArguments("Scaler", "[MinMaxScaler<double>], [StandardScaler]"));

        [Fact]
        public Task One_weight_or_scaler_attribute_on_partial_classes_is_not_reported() => Verify.VerifyAsync(
            """
            using NormGen;
            public partial class Model
            {
                [WeightNormalize<double>(Shape = new[] { 8, 4 })]
                public partial class Weight { }

                [MinMaxScaler(Layout = "NC", Axes = "N", Channels = 4)]
                public partial class Features { }

                [StandardScaler<float>(Layout = "NC", Axes = "N", Channels = 4)]
                public partial class Pixels { }
            }
            """);
    }
}
