using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;

namespace NormGen.Generator.Tests
{
    /// <summary>One valid attribute, named for test output, and whether the design says it keeps running statistics.</summary>
    public sealed record ValidConfiguration(string Name, string Attribute, bool RunningStats)
    {
        private static readonly IReadOnlyDictionary<char, (string Property, string Parameter)> Extents =
            new Dictionary<char, (string, string)>
            {
                ['N'] = ("Batch", "batch"),
                ['C'] = ("Channels", "channels"),
                ['L'] = ("Length", "length"),
                ['D'] = ("Depth", "depth"),
                ['H'] = ("Height", "height"),
                ['W'] = ("Width", "width"),
            };

        /// <summary>The C# keyword of the element type.</summary>
        public string ElementType => Attribute.StartsWith("Normalize<double>", StringComparison.Ordinal) ? "double"
            : Attribute.StartsWith("Normalize<System.Half>", StringComparison.Ordinal) ? "System.Half" : "float";

        /// <summary>The type of the parameters, gradients and running statistics: float for Half tensors, else the element type.</summary>
        public string ParameterType => ElementType == "System.Half" ? "float" : ElementType;

        /// <summary>The interface every generated layer implements.</summary>
        public string Interface => ElementType == ParameterType
            ? "global::NormGen.INormalizationLayer<" + ElementType + ">"
            : "global::NormGen.INormalizationLayer<" + ElementType + ", " + ParameterType + ">";

        public string Layout => Regex.Match(Attribute, "Layout = \"([A-Z]+)\"").Groups[1].Value;

        public bool Affine => !Attribute.Contains("Affine = false", StringComparison.Ordinal);

        /// <summary>Affine and centred: RMSNorm (<c>Center = false</c>) has a weight alone.</summary>
        public bool HasBias => Affine && !Attribute.Contains("Center = false", StringComparison.Ordinal);

        /// <summary>The extent of the axis written in the attribute, or 0 when it is given per call.</summary>
        public int FixedExtent(char letter)
        {
            var match = Regex.Match(Attribute, "\\b" + Extents[letter].Property + " = (\\d+)");
            return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        }

        /// <summary>The parameter names of the extents given per call, in layout order.</summary>
        public IReadOnlyList<string> PerCallParameters =>
            Layout.Where(l => FixedExtent(l) == 0).Select(l => Extents[l].Parameter).ToList();

        public override string ToString() => Name;
    }

    /// <summary>Valid configurations spanning layouts, kinds, fixed and per-call extents, element types, affine,
    /// running statistics, cumulative averaging and groups.</summary>
    public static class ValidConfigurations
    {
        public static readonly IReadOnlyList<ValidConfiguration> All = new ValidConfiguration[]
        {
            // BatchNorm: N and every axis but C reduced.
            new("BatchNormNc", """Normalize(Layout = "NC", Axes = "N", Channels = 16)""", RunningStats: true),
            new("BatchNormNcFixedBatch", """Normalize(Layout = "NC", Axes = "N", Channels = 16, Batch = 8)""", RunningStats: true),
            new("BatchNormNcl", """Normalize(Layout = "NCL", Axes = "N,L", Channels = 8)""", RunningStats: true),
            new("BatchNormNclFixedLengthDouble", """Normalize<double>(Layout = "NCL", Axes = "N,L", Channels = 8, Length = 32)""", RunningStats: true),
            new("BatchNormNlc", """Normalize(Layout = "NLC", Axes = "N,L", Channels = 8)""", RunningStats: true),
            new("BatchNormLnc", """Normalize(Layout = "LNC", Axes = "L,N", Channels = 4)""", RunningStats: true),
            new("BatchNormCn", """Normalize(Layout = "CN", Axes = "N", Channels = 5)""", RunningStats: true),
            new("BatchNormNchw", """Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 3)""", RunningStats: true),
            new("BatchNormNchwFixedSpatialDouble", """Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 3, Height = 7, Width = 5)""", RunningStats: true),
            new("BatchNormNchwAllFixed", """Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 3, Batch = 4, Height = 2, Width = 2)""", RunningStats: true),
            new("BatchNormNhwc", """Normalize(Layout = "NHWC", Axes = "N,H,W", Channels = 3)""", RunningStats: true),
            new("BatchNormNhwcNotAffine", """Normalize(Layout = "NHWC", Axes = "N,H,W", Channels = 3, Affine = false)""", RunningStats: true),
            new("BatchNormNchwNoRunningStats", """Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 6, TrackRunningStats = false)""", RunningStats: false),
            new("BatchNormNchwNoRunningStatsNotAffineDouble", """Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 6, TrackRunningStats = false, Affine = false)""", RunningStats: false),
            new("BatchNormNchwCumulativeAverage", """Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 6, CumulativeAverage = true)""", RunningStats: true),
            new("BatchNormNchwMomentumEpsilon", """Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 6, Momentum = 0.01, Epsilon = 0.001)""", RunningStats: true),
            new("BatchNormNchwMomentumOne", """Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 2, Momentum = 1.0)""", RunningStats: true),
            new("BatchNormNchwMomentumZeroDouble", """Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 2, Momentum = 0.0, Epsilon = 1e-12)""", RunningStats: true),
            new("BatchNormNcdhw", """Normalize(Layout = "NCDHW", Axes = "N,D,H,W", Channels = 4)""", RunningStats: true),
            new("BatchNormNdhwcFixedDouble", """Normalize<double>(Layout = "NDHWC", Axes = "N,D,H,W", Channels = 4, Depth = 2, Height = 3, Width = 3)""", RunningStats: true),
            new("BatchNormWhcnUnusualOrder", """Normalize(Layout = "WHCN", Axes = "N,H,W", Channels = 3)""", RunningStats: true),

            // LayerNorm: C reduced, weight and bias element-wise over the reduced non-batch axes.
            new("LayerNormNlc", """Normalize(Layout = "NLC", Axes = "C", Channels = 512)""", RunningStats: false),
            new("LayerNormNlcNotAffineDouble", """Normalize<double>(Layout = "NLC", Axes = "C", Channels = 64, Affine = false)""", RunningStats: false),
            new("LayerNormLnc", """Normalize(Layout = "LNC", Axes = "C", Channels = 32)""", RunningStats: false),
            new("LayerNormNc", """Normalize(Layout = "NC", Axes = "C", Channels = 10)""", RunningStats: false),
            new("LayerNormNclOverChannelsAndLength", """Normalize(Layout = "NCL", Axes = "C,L", Channels = 4, Length = 6)""", RunningStats: false),
            new("LayerNormNchwElementwise", """Normalize(Layout = "NCHW", Axes = "C,H,W", Channels = 8, Height = 4, Width = 4)""", RunningStats: false),
            new("LayerNormNchwPerCallNotAffine", """Normalize(Layout = "NCHW", Axes = "C,H,W", Channels = 8, Affine = false)""", RunningStats: false),
            new("LayerNormChwUnbatched", """Normalize(Layout = "CHW", Axes = "C,H,W", Channels = 2, Height = 3, Width = 3)""", RunningStats: false),
            new("WholeTensorNlc", """Normalize(Layout = "NLC", Axes = "N,L,C", Channels = 4, Length = 5)""", RunningStats: false),
            new("LayerNormNdhwcDouble", """Normalize<double>(Layout = "NDHWC", Axes = "D,H,W,C", Channels = 2, Depth = 2, Height = 2, Width = 2)""", RunningStats: false),

            // InstanceNorm: every axis but N and C reduced.
            new("InstanceNormNchw", """Normalize(Layout = "NCHW", Axes = "H,W", Channels = 16)""", RunningStats: false),
            new("InstanceNormNhwcRunningStats", """Normalize(Layout = "NHWC", Axes = "H,W", Channels = 16, TrackRunningStats = true)""", RunningStats: true),
            new("InstanceNormNchwRunningStatsCumulativeDouble", """Normalize<double>(Layout = "NCHW", Axes = "H,W", Channels = 4, TrackRunningStats = true, CumulativeAverage = true)""", RunningStats: true),
            new("InstanceNormNclDouble", """Normalize<double>(Layout = "NCL", Axes = "L", Channels = 6)""", RunningStats: false),
            new("InstanceNormNcdhwNotAffine", """Normalize(Layout = "NCDHW", Axes = "D,H,W", Channels = 4, Affine = false)""", RunningStats: false),
            new("InstanceNormChwUnbatched", """Normalize(Layout = "CHW", Axes = "H,W", Channels = 3)""", RunningStats: false),

            // GroupNorm: groups of channels, every axis but N reduced.
            new("GroupNormNchw", """Normalize(Layout = "NCHW", Axes = "H,W", Channels = 16, Groups = 4)""", RunningStats: false),
            new("GroupNormNhwcDouble", """Normalize<double>(Layout = "NHWC", Axes = "H,W", Channels = 8, Groups = 2)""", RunningStats: false),
            new("GroupNormNcl", """Normalize(Layout = "NCL", Axes = "L", Channels = 12, Groups = 4, Length = 10)""", RunningStats: false),
            new("GroupNormNdhwcNotAffine", """Normalize(Layout = "NDHWC", Axes = "D,H,W", Channels = 12, Groups = 3, Affine = false)""", RunningStats: false),
            new("GroupNormOneGroup", """Normalize(Layout = "NCHW", Axes = "H,W", Channels = 6, Groups = 1)""", RunningStats: false),
            new("GroupNormGroupPerChannel", """Normalize(Layout = "NHWC", Axes = "H,W", Channels = 6, Groups = 6)""", RunningStats: false),

            // Batch-group: N reduced with groups; running statistics per group.
            new("BatchGroupNchw", """Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 16, Groups = 4)""", RunningStats: true),
            new("BatchGroupNhwcCumulativeDouble", """Normalize<double>(Layout = "NHWC", Axes = "N,H,W", Channels = 8, Groups = 2, CumulativeAverage = true)""", RunningStats: true),
            new("BatchGroupNcNoRunningStats", """Normalize(Layout = "NC", Axes = "N", Channels = 8, Groups = 4, TrackRunningStats = false)""", RunningStats: false),

            // RMSNorm: no mean subtracted, a weight without bias, no running statistics.
            new("RmsNormNlc", """Normalize(Layout = "NLC", Axes = "C", Channels = 512, Center = false)""", RunningStats: false),
            new("RmsNormNlcEpsilonDouble", """Normalize<double>(Layout = "NLC", Axes = "C", Channels = 64, Epsilon = 1e-6, Center = false)""", RunningStats: false),
            new("RmsNormNchwElementwise", """Normalize(Layout = "NCHW", Axes = "C,H,W", Channels = 8, Height = 4, Width = 4, Center = false)""", RunningStats: false),
            new("RmsNormNclOverChannels", """Normalize(Layout = "NCL", Axes = "C", Channels = 8, Center = false)""", RunningStats: false),
            new("RmsNormNchwPerSampleNotAffineDouble", """Normalize<double>(Layout = "NCHW", Axes = "H,W", Channels = 4, Affine = false, Center = false)""", RunningStats: false),
            new("RmsNormNhwcPerSample", """Normalize(Layout = "NHWC", Axes = "H,W", Channels = 16, Center = false)""", RunningStats: false),
            new("RmsNormNchwOverBatch", """Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 6, Center = false)""", RunningStats: false),
            new("RmsNormNhwcOverBatch", """Normalize(Layout = "NHWC", Axes = "N,H,W", Channels = 3, Center = false)""", RunningStats: false),
            new("RmsNormNcOverBatchOfOne", """Normalize(Layout = "NC", Axes = "N", Channels = 5, Batch = 1, Center = false)""", RunningStats: false),

            // A fused activation after the affine, over every kernel kind.
            new("BatchNormNchwRelu", """Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 8, Activation = NormActivation.Relu)""", RunningStats: true),
            new("BatchNormNchwTwoReadSiluDouble", """Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Batch = 4, Channels = 2, Height = 64, Width = 64, Activation = NormActivation.Silu)""", RunningStats: true),
            new("BatchNormNhwcGelu", """Normalize(Layout = "NHWC", Axes = "N,H,W", Channels = 16, Activation = NormActivation.Gelu)""", RunningStats: true),
            new("GroupNormNhwcGeluTanhDouble", """Normalize<double>(Layout = "NHWC", Axes = "H,W", Channels = 8, Groups = 2, Activation = NormActivation.GeluTanh)""", RunningStats: false),
            new("LayerNormNlcGelu", """Normalize(Layout = "NLC", Axes = "C", Channels = 32, Activation = NormActivation.Gelu)""", RunningStats: false),
            new("InstanceNormNotAffineRelu", """Normalize(Layout = "NCHW", Axes = "H,W", Channels = 4, Affine = false, Activation = NormActivation.Relu)""", RunningStats: false),
            new("RmsNormNlcSilu", """Normalize(Layout = "NLC", Axes = "C", Channels = 64, Center = false, Activation = NormActivation.Silu)""", RunningStats: false),
            new("BatchNormNcNoneActivation", """Normalize(Layout = "NC", Axes = "N", Channels = 4, Activation = NormActivation.None)""", RunningStats: true),

            // Half tensors, computed in float: every kind, channels-first and channels-last.
            new("BatchNormNchwHalf", """Normalize<System.Half>(Layout = "NCHW", Axes = "N,H,W", Channels = 8)""", RunningStats: true),
            new("BatchNormNhwcHalf", """Normalize<System.Half>(Layout = "NHWC", Axes = "N,H,W", Channels = 16)""", RunningStats: true),
            new("LayerNormNlcHalf", """Normalize<System.Half>(Layout = "NLC", Axes = "C", Channels = 32)""", RunningStats: false),
            new("LayerNormChwHalf", """Normalize<System.Half>(Layout = "NCHW", Axes = "C,H,W", Channels = 4, Height = 8, Width = 8)""", RunningStats: false),
            new("GroupNormNchwHalf", """Normalize<System.Half>(Layout = "NCHW", Axes = "H,W", Channels = 8, Groups = 2)""", RunningStats: false),
            new("GroupNormNhwcHalf", """Normalize<System.Half>(Layout = "NHWC", Axes = "H,W", Channels = 8, Groups = 2)""", RunningStats: false),
            new("InstanceNormNchwTrackedHalf", """Normalize<System.Half>(Layout = "NCHW", Axes = "H,W", Channels = 4, TrackRunningStats = true)""", RunningStats: true),
            new("RmsNormNlcHalf", """Normalize<System.Half>(Layout = "NLC", Axes = "C", Channels = 64, Center = false)""", RunningStats: false),
            new("RmsNormNhwcOverBatchHalf", """Normalize<System.Half>(Layout = "NHWC", Axes = "N,H,W", Channels = 8, Center = false)""", RunningStats: false),
            new("BatchNormNhwcGeluHalf", """Normalize<System.Half>(Layout = "NHWC", Axes = "N,H,W", Channels = 16, Activation = NormActivation.Gelu)""", RunningStats: true),
            new("LayerNormNlcSiluHalf", """Normalize<System.Half>(Layout = "NLC", Axes = "C", Channels = 32, Activation = NormActivation.Silu)""", RunningStats: false),

            // A fused residual: after the affine, before the activation, and before the norm, over every kernel kind.
            new("BatchNormNchwResidualRelu", """Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 8, Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)""", RunningStats: true),
            new("BatchNormNchwTwoReadResidualSiluDouble", """Normalize<double>(Layout = "NCHW", Axes = "N,H,W", Batch = 4, Channels = 2, Height = 64, Width = 64, Activation = NormActivation.Silu, Residual = NormResidual.BeforeActivation)""", RunningStats: true),
            new("BatchNormNhwcResidual", """Normalize(Layout = "NHWC", Axes = "N,H,W", Channels = 16, Residual = NormResidual.BeforeActivation)""", RunningStats: true),
            new("GroupNormNhwcResidualGeluDouble", """Normalize<double>(Layout = "NHWC", Axes = "H,W", Channels = 8, Groups = 2, Activation = NormActivation.Gelu, Residual = NormResidual.BeforeActivation)""", RunningStats: false),
            new("InstanceNormTrackedResidualRelu", """Normalize(Layout = "NCHW", Axes = "H,W", Channels = 4, TrackRunningStats = true, Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)""", RunningStats: true),
            new("LayerNormNlcSkip", """Normalize(Layout = "NLC", Axes = "C", Channels = 32, Residual = NormResidual.BeforeNorm)""", RunningStats: false),
            new("RmsNormNlcSkipSiluDouble", """Normalize<double>(Layout = "NLC", Axes = "C", Channels = 64, Center = false, Activation = NormActivation.Silu, Residual = NormResidual.BeforeNorm)""", RunningStats: false),
            new("BatchNormNchwSkip", """Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 8, Residual = NormResidual.BeforeNorm)""", RunningStats: true),
            new("BatchNormNhwcSkipRelu", """Normalize(Layout = "NHWC", Axes = "N,H,W", Channels = 8, Activation = NormActivation.Relu, Residual = NormResidual.BeforeNorm)""", RunningStats: true),

            // A fused residual on Half tensors: both forms (before a smooth activation is NG0039).
            new("BatchNormNchwResidualReluHalf", """Normalize<System.Half>(Layout = "NCHW", Axes = "N,H,W", Channels = 8, Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)""", RunningStats: true),
            new("LayerNormNlcResidualHalf", """Normalize<System.Half>(Layout = "NLC", Axes = "C", Channels = 32, Residual = NormResidual.BeforeActivation)""", RunningStats: false),
            new("RmsNormNlcSkipHalf", """Normalize<System.Half>(Layout = "NLC", Axes = "C", Channels = 64, Center = false, Residual = NormResidual.BeforeNorm)""", RunningStats: false),
            new("BatchNormNhwcSkipGeluHalf", """Normalize<System.Half>(Layout = "NHWC", Axes = "N,H,W", Channels = 8, Activation = NormActivation.Gelu, Residual = NormResidual.BeforeNorm)""", RunningStats: true),
        };

        public static IEnumerable<object[]> Data => All.Select(c => new object[] { c });
    }
}
