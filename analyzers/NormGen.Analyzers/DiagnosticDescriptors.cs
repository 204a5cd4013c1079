using Microsoft.CodeAnalysis;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>IDs reported only by the analyzers (the generator shares <see cref="DiagnosticIds"/> and
    /// <see cref="TransformDiagnosticIds"/>; NG0027 is the conflict it skips a class for). Numbers are never reused.</summary>
    internal static class AnalyzerDiagnosticIds
    {
        public const string MultipleAttributes = TransformDiagnosticIds.ConflictingAttributes;
        public const string DimensionNotPositive = "NG0028";
        public const string SpanLengthMismatch = "NG0029";
        public const string SpanLengthNotMultiple = "NG0030";
        public const string SpanLengthsDiffer = "NG0031";
        public const string SingleValuePerStatisticAtCall = "NG0032";
        public const string LayoutNotGiven = "NG0033";
    }

    /// <summary>
    /// Every NormGen diagnostic. The message arguments of the configuration rules are the ones
    /// <see cref="ConfigurationValidator"/>, <see cref="WeightNormValidator"/> and <see cref="ScalerValidator"/> list
    /// beside each check, in that order.
    /// </summary>
    internal static class DiagnosticDescriptors
    {
        public const string DeclarationCategory = "NormGen.Declaration";
        public const string ConfigurationCategory = "NormGen.Configuration";
        public const string UsageCategory = "NormGen.Usage";

        private const string HelpBase = RepositoryInfo.DiagnosticsUrl;

        public static readonly DiagnosticDescriptor NotPartial = new(
            DiagnosticIds.NotPartial,
            "Class with a NormGen attribute must be partial",
            "'{0}' must be declared partial so that NormGen can add the generated members of '{1}'; add the 'partial' modifier",
            DeclarationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.NotPartial + ".md");

        public static readonly DiagnosticDescriptor UnknownLayoutLetter = new(
            DiagnosticIds.UnknownLayoutLetter,
            "Layout contains a letter that is not an axis",
            "Layout \"{0}\" contains '{1}', which is not an axis letter; write the layout with the upper-case letters N, C, D, H, W and L",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.UnknownLayoutLetter + ".md");

        public static readonly DiagnosticDescriptor RepeatedLayoutLetter = new(
            DiagnosticIds.RepeatedLayoutLetter,
            "Layout names an axis twice",
            "Layout \"{0}\" names '{1}' more than once; name each axis once, outermost first",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.RepeatedLayoutLetter + ".md");

        public static readonly DiagnosticDescriptor ChannelsNotDivisibleByGroups = new(
            DiagnosticIds.ChannelsNotDivisibleByGroups,
            "Channels is not divisible by Groups",
            "Channels = {0} is not divisible by Groups = {1}; use {2}",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.ChannelsNotDivisibleByGroups + ".md");

        public static readonly DiagnosticDescriptor BatchOfOne = new(
            DiagnosticIds.BatchOfOne,
            "BatchNorm over a batch of one sample",
            "{1} while Axes = \"{0}\" reduce over the batch, so each sample is normalised by its own statistics; remove N from Axes (InstanceNorm or GroupNorm) or use a batch larger than 1",
            ConfigurationCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.BatchOfOne + ".md");

        public static readonly DiagnosticDescriptor LayoutWithoutChannels = new(
            DiagnosticIds.LayoutWithoutChannels,
            "Layout has no channel axis",
            "Layout \"{0}\" has no channel axis C; add C, for example \"NCHW\" or \"NLC\"",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.LayoutWithoutChannels + ".md");

        public static readonly DiagnosticDescriptor EmptyAxes = new(
            DiagnosticIds.EmptyAxes,
            "Axes names no axis",
            "Axes = \"{0}\" names no axis to reduce over; list the reduced axes separated by commas, for example \"N,H,W\"",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.EmptyAxes + ".md");

        public static readonly DiagnosticDescriptor UnknownAxis = new(
            DiagnosticIds.UnknownAxis,
            "Axes contains an entry that is not an axis",
            "Axes = \"{0}\" contains \"{1}\", which is not an axis; use single upper-case letters N, C, D, H, W or L separated by commas",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.UnknownAxis + ".md");

        public static readonly DiagnosticDescriptor RepeatedAxis = new(
            DiagnosticIds.RepeatedAxis,
            "Axes names an axis twice",
            "Axes = \"{0}\" names {1} more than once; name each reduced axis once",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.RepeatedAxis + ".md");

        public static readonly DiagnosticDescriptor AxisNotInLayout = new(
            DiagnosticIds.AxisNotInLayout,
            "Reduced axis is not in the layout",
            "Axis {0} is reduced but Layout \"{1}\" has no {0}; remove {0} from Axes or add it to the layout",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.AxisNotInLayout + ".md");

        public static readonly DiagnosticDescriptor GroupsWithReducedChannels = new(
            DiagnosticIds.GroupsWithReducedChannels,
            "Groups with the channel axis reduced",
            "Groups = {0} splits the channels, but Axes = \"{1}\" already reduce over C; remove Groups, or remove C from Axes",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.GroupsWithReducedChannels + ".md");

        public static readonly DiagnosticDescriptor GroupsOutOfRange = new(
            DiagnosticIds.GroupsOutOfRange,
            "Groups is not between 1 and Channels",
            "Groups = {0} is not between 1 and Channels = {1}; use a divisor of the channel count, or remove Groups",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.GroupsOutOfRange + ".md");

        public static readonly DiagnosticDescriptor ChannelsNotPositive = new(
            DiagnosticIds.ChannelsNotPositive,
            "Channel count is not positive",
            "Channels = {0} is not a channel count; {1}",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.ChannelsNotPositive + ".md");

        public static readonly DiagnosticDescriptor DimensionNegative = new(
            DiagnosticIds.DimensionNegative,
            "Fixed extent is negative",
            "{0} = {1} is negative; use a positive extent, or 0 to pass it to every call",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.DimensionNegative + ".md");

        public static readonly DiagnosticDescriptor EpsilonOutOfRange = new(
            DiagnosticIds.EpsilonOutOfRange,
            "Epsilon is not positive and finite",
            "Epsilon = {0} must be positive and finite; use a small positive value such as 1e-5",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.EpsilonOutOfRange + ".md");

        public static readonly DiagnosticDescriptor MomentumOutOfRange = new(
            DiagnosticIds.MomentumOutOfRange,
            "Momentum is outside [0, 1]",
            "Momentum = {0} is outside [0, 1]; use a value between 0 and 1 (the default is 0.1)",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.MomentumOutOfRange + ".md");

        public static readonly DiagnosticDescriptor SingleValuePerStatistic = new(
            DiagnosticIds.SingleValuePerStatistic,
            "Each statistic sees one value",
            "With {1}, Axes = \"{0}\" give each mean and variance a single value, so every output is the bias; reduce over more axes or raise those extents",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.SingleValuePerStatistic + ".md");

        public static readonly DiagnosticDescriptor RunningStatsNotAllowed = new(
            DiagnosticIds.RunningStatsNotAllowed,
            "Running statistics need per-channel or per-group statistics",
            "TrackRunningStats = true needs statistics per channel or per group, but Axes = \"{0}\" give statistics for {1}; remove TrackRunningStats, or reduce over every axis except N and C",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.RunningStatsNotAllowed + ".md");

        public static readonly DiagnosticDescriptor RmsNormWithRunningStats = new(
            DiagnosticIds.RmsNormWithRunningStats,
            "RMSNorm keeps no running statistics",
            "Center = false (RMSNorm) normalises every input by its own mean square, and there is no running mean or variance to keep, but TrackRunningStats = true with Axes = \"{0}\" asks for them; remove TrackRunningStats, or remove Center = false for BatchNorm",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.RmsNormWithRunningStats + ".md");

        public static readonly DiagnosticDescriptor RmsNormWithGroups = new(
            DiagnosticIds.RmsNormWithGroups,
            "RMSNorm with Groups",
            "Groups = {0} shares a mean and a variance among the channels of a group, but Center = false (RMSNorm) takes neither; remove Groups and reduce over C for RMSNorm, or remove Center = false for GroupNorm",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.RmsNormWithGroups + ".md");

        public static readonly DiagnosticDescriptor UnknownActivation = new(
            DiagnosticIds.UnknownActivation,
            "Activation is not a NormActivation value",
            "Activation = {0} is not one of NormActivation's values (None, Relu, Silu, Gelu, GeluTanh); write one of them by name, for example Activation = NormActivation.Relu",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.UnknownActivation + ".md");

        public static readonly DiagnosticDescriptor UnsupportedElementType = new(
            DiagnosticIds.UnsupportedElementType,
            "Element type is not supported",
            "Element type '{0}' is not supported; use [Normalize] for float or [Normalize<double>] for double",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.UnsupportedElementType + ".md");

        public static readonly DiagnosticDescriptor CumulativeAverageWithMomentum = new(
            DiagnosticIds.CumulativeAverageWithMomentum,
            "Momentum together with CumulativeAverage",
            "Momentum = {0} contradicts CumulativeAverage = true, which weights every batch equally; remove Momentum or CumulativeAverage",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.CumulativeAverageWithMomentum + ".md");

        public static readonly DiagnosticDescriptor FixedDimensionOfAbsentAxis = new(
            DiagnosticIds.FixedDimensionOfAbsentAxis,
            "Fixed extent of an axis the layout does not have",
            "{0} = {1} fixes an axis that Layout \"{2}\" does not have; remove {0}, or add the axis to the layout",
            ConfigurationCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.FixedDimensionOfAbsentAxis + ".md");

        public static readonly DiagnosticDescriptor StaticClass = new(
            DiagnosticIds.StaticClass,
            "Class with a NormGen attribute is static",
            "'{0}' is static, but a NormGen layer, weight or scaler holds parameters and state per instance; remove the 'static' modifier",
            DeclarationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.StaticClass + ".md");

        public static readonly DiagnosticDescriptor GroupsOneIsLayerNorm = new(
            DiagnosticIds.GroupsOneIsLayerNorm,
            "Groups = 1 is layer normalisation",
            "Groups = 1 puts all {0} channels in one group, which is layer normalisation; to say so plainly, reduce over C in Axes and remove Groups (Weight and Bias then become element-wise)",
            ConfigurationCategory, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.GroupsOneIsLayerNorm + ".md");

        public static readonly DiagnosticDescriptor GroupsEqualChannelsIsInstanceNorm = new(
            DiagnosticIds.GroupsEqualChannelsIsInstanceNorm,
            "Groups = Channels is instance normalisation",
            "Groups = {0} gives each of the {0} channels its own group, which is instance normalisation; remove Groups to say so plainly",
            ConfigurationCategory, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.GroupsEqualChannelsIsInstanceNorm + ".md");

        public static readonly DiagnosticDescriptor MomentumWithoutRunningStats = new(
            DiagnosticIds.MomentumWithoutRunningStats,
            "Running-statistics option on a layer without running statistics",
            "{0} has no effect because this layer keeps no running statistics; remove {0}, or set TrackRunningStats = true where the configuration allows it",
            ConfigurationCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + DiagnosticIds.MomentumWithoutRunningStats + ".md");

        public static readonly DiagnosticDescriptor MultipleAttributes = new(
            AnalyzerDiagnosticIds.MultipleAttributes,
            "Class carries more than one NormGen attribute",
            "'{0}' carries more than one NormGen attribute ({1}), so nothing is generated for it; keep one of them and declare each layer, weight or scaler in its own partial class",
            DeclarationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + AnalyzerDiagnosticIds.MultipleAttributes + ".md");

        public static readonly DiagnosticDescriptor DimensionNotPositive = new(
            AnalyzerDiagnosticIds.DimensionNotPositive,
            "Extent given to a layer is not positive",
            "{0} is called with {1} = {2}, which throws ArgumentException; pass a positive {1}",
            UsageCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + AnalyzerDiagnosticIds.DimensionNotPositive + ".md");

        public static readonly DiagnosticDescriptor LayoutNotGiven = new(
            AnalyzerDiagnosticIds.LayoutNotGiven,
            "Layout not given: the channels-first default is used",
            "Layout not given: {0} (channels-first) is used; write Layout = \"{0}\" to make it explicit, or the layout your data is stored in",
            ConfigurationCategory, DiagnosticSeverity.Info, isEnabledByDefault: true, helpLinkUri: HelpBase + AnalyzerDiagnosticIds.LayoutNotGiven + ".md");

        public static readonly DiagnosticDescriptor SpanLengthMismatch = new(
            AnalyzerDiagnosticIds.SpanLengthMismatch,
            "Span length does not match the shape",
            "'{0}' has {1} elements but the shape {2} needs {3}; pass a span of {3} elements",
            UsageCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + AnalyzerDiagnosticIds.SpanLengthMismatch + ".md");

        public static readonly DiagnosticDescriptor SpanLengthNotMultiple = new(
            AnalyzerDiagnosticIds.SpanLengthNotMultiple,
            "Span length cannot match the shape for any unknown extent",
            "'{0}' has {1} elements, which is not a multiple of {2} ({3}), so no value of the other extents makes it fit; pass a span whose length is a multiple of {2}",
            UsageCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + AnalyzerDiagnosticIds.SpanLengthNotMultiple + ".md");

        public static readonly DiagnosticDescriptor SpanLengthsDiffer = new(
            AnalyzerDiagnosticIds.SpanLengthsDiffer,
            "Spans passed to one call have different lengths",
            "'{0}' has {1} elements but '{2}' has {3}; every span passed to {4} holds the whole tensor, so pass spans of one length",
            UsageCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + AnalyzerDiagnosticIds.SpanLengthsDiffer + ".md");

        public static readonly DiagnosticDescriptor SingleValuePerStatisticAtCall = new(
            AnalyzerDiagnosticIds.SingleValuePerStatisticAtCall,
            "Training call with one value per statistic",
            "{0} trains with {1}, so each statistic of Axes = \"{2}\" sees a single value and the call throws ArgumentException; pass larger extents or set Training = false",
            UsageCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + AnalyzerDiagnosticIds.SingleValuePerStatisticAtCall + ".md");

        public static readonly DiagnosticDescriptor DimOutOfRange = new(
            TransformDiagnosticIds.DimOutOfRange,
            "Dim is not a dimension of the weight",
            "Dim {0} is outside the weight's {1} dimensions (shape {2}); use a value from {3} to {4}",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + TransformDiagnosticIds.DimOutOfRange + ".md");

        public static readonly DiagnosticDescriptor InvalidWeightShape = new(
            TransformDiagnosticIds.InvalidWeightShape,
            "The weight's Shape is missing or invalid",
            "Shape {0} is not a valid weight shape: {1}; give one positive extent per dimension of the weight, fewer than 2^31 elements in all",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + TransformDiagnosticIds.InvalidWeightShape + ".md");

        public static readonly DiagnosticDescriptor WeightEpsilonOutOfRange = new(
            TransformDiagnosticIds.WeightEpsilonOutOfRange,
            "Weight normalisation Epsilon is negative or not finite",
            "Epsilon {0} must be zero or a positive finite number; remove Epsilon (0, as PyTorch) or use a small positive value such as 1e-12",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + TransformDiagnosticIds.WeightEpsilonOutOfRange + ".md");

        public static readonly DiagnosticDescriptor TransformElementTypeUnsupported = new(
            TransformDiagnosticIds.UnsupportedElementType,
            "Unsupported element type for weight normalisation or a scaler",
            "{0} is not a supported element type for {1}; use float or double",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + TransformDiagnosticIds.UnsupportedElementType + ".md");

        public static readonly DiagnosticDescriptor InvalidScalerLayout = new(
            TransformDiagnosticIds.InvalidScalerLayout,
            "Scaler Layout is not valid",
            "Layout '{0}' is not valid: {1}; use the letters N, C, D, H, W and L, each at most once and C always, for example \"NC\" or \"NCHW\"",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + TransformDiagnosticIds.InvalidScalerLayout + ".md");

        public static readonly DiagnosticDescriptor InvalidScalerAxes = new(
            TransformDiagnosticIds.InvalidScalerAxes,
            "Scaler Axes are not valid",
            "Axes '{0}' are not valid for layout '{1}': {2}; list letters of the layout, each once, separated by commas",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + TransformDiagnosticIds.InvalidScalerAxes + ".md");

        public static readonly DiagnosticDescriptor InvalidFeatureRange = new(
            TransformDiagnosticIds.InvalidFeatureRange,
            "Min-Max feature range is empty or not finite",
            "FeatureRangeMin {0} must be below FeatureRangeMax {1}, and both finite; use finite bounds with the minimum first, for example 0 and 1",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + TransformDiagnosticIds.InvalidFeatureRange + ".md");

        public static readonly DiagnosticDescriptor InvalidScalerExtent = new(
            TransformDiagnosticIds.InvalidScalerExtent,
            "Scaler extent is negative, of an absent axis, or too large",
            "{0} = {1} is not a valid extent for layout '{2}': {3}; fix or remove {0}",
            ConfigurationCategory, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + TransformDiagnosticIds.InvalidScalerExtent + ".md");
    }
}
