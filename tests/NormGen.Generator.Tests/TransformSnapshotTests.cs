using System.Collections.Generic;
using System.Runtime.CompilerServices;
using NormGen.Generator.Tests.Infrastructure;

namespace NormGen.Generator.Tests
{
    /// <summary>The generated source of weight normalisations and input scalers, compared with the reviewed snapshots
    /// in <c>Snapshots/TransformSnapshotTests</c>; each must also compile without any diagnostic.</summary>
    public sealed class TransformSnapshotTests
    {
        /// <summary>The input of every test in this class, by test method name; the orphan check reads it too.</summary>
        internal static readonly IReadOnlyDictionary<string, string> Cases = new Dictionary<string, string>
        {
            [nameof(WeightNormalizeConvDim0)] = LayerSource.Class(
                "ConvWeight", """WeightNormalize(Shape = new[] { 64, 3, 3, 3 }, Dim = 0)"""),
            [nameof(WeightNormalizeDoubleWholeWeightWithEpsilon)] = LayerSource.Class(
                "LinearWeight", """WeightNormalize<double>(Shape = new[] { 10, 20 }, Dim = -1, Epsilon = 1e-6)"""),
            [nameof(StandardScalerNchw)] = LayerSource.Class(
                "PixelScaler", """StandardScaler(Layout = "NCHW", Axes = "N,H,W", Channels = 3)"""),
            [nameof(MinMaxScalerNcFeatureRange)] = LayerSource.Class(
                "FeatureScaler", """MinMaxScaler(Layout = "NC", Axes = "N", Channels = 16, FeatureRangeMin = -1, FeatureRangeMax = 1)"""),
            [nameof(StandardScalerPerPixelConstructed)] = LayerSource.Class(
                "PixelScaler", """StandardScaler(Layout = "NCHW", Axes = "N")"""),
        };

        [Fact]
        public void WeightNormalizeConvDim0() => Verify();

        [Fact]
        public void WeightNormalizeDoubleWholeWeightWithEpsilon() => Verify();

        [Fact]
        public void StandardScalerNchw() => Verify();

        [Fact]
        public void MinMaxScalerNcFeatureRange() => Verify();

        [Fact]
        public void StandardScalerPerPixelConstructed() => Verify();

        private static void Verify([CallerMemberName] string method = "")
        {
            var run = GeneratorHarness.Run(Cases[method]);
            Assert.Null(run.Exception);
            Assert.True(run.GeneratorDiagnostics.IsEmpty, "Generator diagnostics:\n" + GeneratorHarness.Describe(run.GeneratorDiagnostics));
            Assert.True(run.OutputDiagnostics.IsEmpty, "Output compilation diagnostics:\n" + GeneratorHarness.Describe(run.OutputDiagnostics));
            Snapshots.Verify(nameof(TransformSnapshotTests), method, run.Sources);
        }
    }
}
