using System.Collections.Generic;
using System.Runtime.CompilerServices;
using NormGen.Generator.Tests.Infrastructure;

namespace NormGen.Generator.Tests
{
    /// <summary>The generated source for representative configurations, compared with the reviewed snapshots in
    /// <c>Snapshots/GeneratedSourceSnapshotTests</c>.</summary>
    public sealed class GeneratedSourceSnapshotTests
    {
        /// <summary>The input of every test in this class, by test method name; the orphan check reads it too.</summary>
        internal static readonly IReadOnlyDictionary<string, string> Cases = new Dictionary<string, string>
        {
            [nameof(BatchNormNchw)] = LayerSource.Class("StemNorm", """Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 64)"""),
            [nameof(BatchNormNhwc)] = LayerSource.Class("StemNorm", """Normalize(Layout = "NHWC", Axes = "N,H,W", Channels = 64)"""),
            [nameof(BatchNormFixedShapeCumulativeAverage)] = LayerSource.Class(
                "FixedNorm", """Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 3, Batch = 4, Height = 8, Width = 8, CumulativeAverage = true)"""),
            [nameof(LayerNormNlc)] = LayerSource.Class("TokenNorm", """Normalize(Layout = "NLC", Axes = "C", Channels = 512)"""),
            [nameof(LayerNormElementwiseChw)] = LayerSource.Class(
                "PlaneNorm", """Normalize(Layout = "NCHW", Axes = "C,H,W", Channels = 8, Height = 4, Width = 4)"""),
            [nameof(InstanceNormNchw)] = LayerSource.Class("StyleNorm", """Normalize(Layout = "NCHW", Axes = "H,W", Channels = 16, Affine = false)"""),
            [nameof(InstanceNormTrackingRunningStats)] = LayerSource.Class(
                "TrackedStyleNorm", """Normalize(Layout = "NHWC", Axes = "H,W", Channels = 16, TrackRunningStats = true)"""),
            [nameof(GroupNormNchw)] = LayerSource.Class("BlockNorm", """Normalize(Layout = "NCHW", Axes = "H,W", Channels = 32, Groups = 8)"""),
            [nameof(GroupNormNhwc)] = LayerSource.Class("BlockNorm", """Normalize(Layout = "NHWC", Axes = "H,W", Channels = 32, Groups = 8)"""),
            [nameof(BatchGroupNormNchw)] = LayerSource.Class("BatchGroupNorm", """Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 16, Groups = 4)"""),
            [nameof(BatchNorm1dDouble)] = LayerSource.Class(
                "PreciseNorm", """Normalize<double>(Layout = "NCL", Axes = "N,L", Channels = 10, Epsilon = 1e-3, Momentum = 0.05)"""),
            [nameof(TheCardsDeclaration)] = LayerSource.Class("BlockNorm", """Normalize(Axes = "N,H,W", Groups = 8)"""),
            [nameof(BatchNormConstructed)] = LayerSource.Class("StemNorm", """Normalize(Axes = "N,H,W")"""),
            [nameof(GroupNormConstructed)] = LayerSource.Class("BlockNorm", """Normalize(Axes = "H,W", Groups = 32)"""),
            [nameof(GroupNormConstructedNhwc)] = LayerSource.Class("BlockNorm", """Normalize(Layout = "NHWC", Axes = "H,W", Groups = 32)"""),
            [nameof(LayerNormElementwiseConstructed)] = LayerSource.Class("PlaneNorm", """Normalize(Axes = "C,H,W")"""),
            [nameof(InstanceNormConstructedNhwc)] = LayerSource.Class("StyleNorm", """Normalize<double>(Layout = "NHWC", Axes = "H,W", Affine = false)"""),
            [nameof(RmsNormNlcConstructed)] = LayerSource.Class("TokenRmsNorm", """Normalize(Layout = "NLC", Axes = "C", Center = false)"""),
            [nameof(RmsNormNhwcOverBatch)] = LayerSource.Class("PixelRmsNorm", """Normalize(Layout = "NHWC", Axes = "N,H,W", Channels = 32, Center = false)"""),
            [nameof(RmsNormNchwOverBatchDouble)] = LayerSource.Class("ChannelRmsNorm", """Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 16, Epsilon = 1e-6, Center = false)"""),
            [nameof(BatchNormNhwcGeluConstructed)] = LayerSource.Class("StemGeluNorm", """Normalize(Layout = "NHWC", Axes = "N,H,W", Activation = NormActivation.Gelu)"""),
            [nameof(LayerNormNlcSiluDouble)] = LayerSource.Class("TokenSiluNorm", """Normalize<double>(Layout = "NLC", Axes = "C", Channels = 64, Activation = NormActivation.Silu)"""),
            [nameof(LayerNormNlcHalf)] = LayerSource.Class("TokenHalfNorm", """Normalize<System.Half>(Layout = "NLC", Axes = "C", Channels = 512)"""),
            [nameof(BatchNormNhwcHalfConstructed)] = LayerSource.Class("StemHalfNorm", """Normalize<System.Half>(Layout = "NHWC", Axes = "N,H,W")"""),
            [nameof(BatchNormResidualRelu)] = LayerSource.Class("BlockEndNorm", """Normalize(Axes = "N,H,W", Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)"""),
            [nameof(LayerNormSkipNlc)] = LayerSource.Class("SkipNorm", """Normalize(Layout = "NLC", Axes = "C", Residual = NormResidual.BeforeNorm)"""),
            [nameof(RmsNormSkipNlcHalf)] = LayerSource.Class(
                "TokenHalfSkipNorm", """Normalize<System.Half>(Layout = "NLC", Axes = "C", Center = false, Residual = NormResidual.BeforeNorm)"""),
            [nameof(LayerNormResidualReluNlcHalf)] = LayerSource.Class(
                "TokenHalfResidualNorm", """Normalize<System.Half>(Layout = "NLC", Axes = "C", Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)"""),
            [nameof(NestedInPartialClass)] = """
                using NormGen;

                namespace Sample.Models
                {
                    public static partial class ResNet
                    {
                        internal sealed partial class Block
                        {
                            [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
                            private partial class Norm
                            {
                            }
                        }
                    }
                }
                """,
            [nameof(GlobalNamespace)] = """
                [NormGen.Normalize(Layout = "NC", Axes = "N", Channels = 4)]
                internal partial class GlobalNorm
                {
                }
                """,
            [nameof(GenericContainingType)] = """
                using NormGen;

                namespace Sample
                {
                    public partial class Network<TInput, TLabel>
                        where TInput : class
                    {
                        [Normalize(Layout = "NC", Axes = "N", Channels = 4)]
                        public partial class Norm
                        {
                        }
                    }
                }
                """,
        };

        [Fact]
        public void BatchNormNchw() => Verify();

        [Fact]
        public void BatchNormNhwc() => Verify();

        [Fact]
        public void BatchNormFixedShapeCumulativeAverage() => Verify();

        [Fact]
        public void LayerNormNlc() => Verify();

        [Fact]
        public void LayerNormElementwiseChw() => Verify();

        [Fact]
        public void InstanceNormNchw() => Verify();

        [Fact]
        public void InstanceNormTrackingRunningStats() => Verify();

        [Fact]
        public void GroupNormNchw() => Verify();

        [Fact]
        public void GroupNormNhwc() => Verify();

        [Fact]
        public void BatchGroupNormNchw() => Verify();

        [Fact]
        public void BatchNorm1dDouble() => Verify();

        [Fact]
        public void TheCardsDeclaration() => Verify();

        [Fact]
        public void BatchNormConstructed() => Verify();

        [Fact]
        public void GroupNormConstructed() => Verify();

        [Fact]
        public void GroupNormConstructedNhwc() => Verify();

        [Fact]
        public void LayerNormElementwiseConstructed() => Verify();

        [Fact]
        public void InstanceNormConstructedNhwc() => Verify();

        [Fact]
        public void RmsNormNlcConstructed() => Verify();

        [Fact]
        public void RmsNormNhwcOverBatch() => Verify();

        [Fact]
        public void RmsNormNchwOverBatchDouble() => Verify();

        [Fact]
        public void BatchNormNhwcGeluConstructed() => Verify();

        [Fact]
        public void LayerNormNlcSiluDouble() => Verify();

        [Fact]
        public void LayerNormNlcHalf() => Verify();

        [Fact]
        public void BatchNormNhwcHalfConstructed() => Verify();

        [Fact]
        public void BatchNormResidualRelu() => Verify();

        [Fact]
        public void LayerNormSkipNlc() => Verify();

        [Fact]
        public void RmsNormSkipNlcHalf() => Verify();

        [Fact]
        public void LayerNormResidualReluNlcHalf() => Verify();

        [Fact]
        public void NestedInPartialClass() => Verify();

        [Fact]
        public void GlobalNamespace() => Verify();

        [Fact]
        public void GenericContainingType() => Verify();

        private static void Verify([CallerMemberName] string method = "")
        {
            var run = GeneratorHarness.Run(Cases[method]);
            Assert.Null(run.Exception);
            Snapshots.Verify(nameof(GeneratedSourceSnapshotTests), method, run.Sources);
        }
    }
}
