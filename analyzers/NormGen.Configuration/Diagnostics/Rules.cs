using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using static Microsoft.CodeAnalysis.DiagnosticSeverity;
using static NormGen.Configuration.Rule;

namespace NormGen.Configuration
{
    /// <summary>
    /// Every NormGen diagnostic, each defined once: ID, the analyzers that report it (<see cref="Reporter"/>), severity,
    /// category, title, and message with its named arguments in the order they are passed. IDs are never reused, not
    /// even those of removed rules. Everything else is derived from this table: each analyzer's
    /// <c>SupportedDiagnostics</c>, the lookup by ID, the generator's "is this an error" (through
    /// <see cref="ConfigurationProblem.Severity"/>), the descriptor and its help link (docs/diagnostics/ID.md). The pages,
    /// the two README tables and AnalyzerReleases.Unshipped.md are checked against it, and their rows rewritten from it,
    /// by DiagnosticDocumentationTests (docs/architecture.md, "Adding a diagnostic").
    /// </summary>
    internal static partial class Rules
    {
        public static readonly Rule NotPartial = new(
            "NG0001", Reporter.PartialDeclaration, Error, DeclarationCategory,
            "Class with a NormGen attribute must be partial",
            "'{type}' must be declared partial so that NormGen can add the generated members of '{annotated}'; add the 'partial' modifier",
            "type, annotated");

        public static readonly Rule UnknownLayoutLetter = new(
            "NG0002", Reporter.LayoutAndAxes, Error, ConfigurationCategory,
            "Layout contains a letter that is not an axis",
            "Layout \"{layout}\" contains '{letter}', which is not an axis letter; write the layout with the upper-case letters N, C, D, H, W and L",
            "layout, letter");

        public static readonly Rule RepeatedLayoutLetter = new(
            "NG0003", Reporter.LayoutAndAxes, Error, ConfigurationCategory,
            "Layout names an axis twice",
            "Layout \"{layout}\" names '{letter}' more than once; name each axis once, outermost first",
            "layout, letter");

        /// <summary>The validator's suggestion is the divisors; the attribute's message says "Groups = " before them,
        /// the constructor's says " channels" after the multiples.</summary>
        public static readonly Rule ChannelsNotDivisibleByGroups = new(
            "NG0004", Reporter.Groups | Reporter.LayerConstruction, Error, ConfigurationCategory,
            "Channels is not divisible by Groups",
            "Channels = {channels} is not divisible by Groups = {groups}; use {suggestion}",
            "channels, groups, suggestion");

        /// <summary>The validator gives the axes; <c>batch</c> is "Batch = 1" at the attribute, the call at a call site.</summary>
        public static readonly Rule BatchOfOne = new(
            "NG0005", Reporter.BatchOfOne | Reporter.ForwardCall, Warning, ConfigurationCategory,
            "BatchNorm over a batch of one sample",
            "{batch} while Axes = \"{axes}\" reduce over the batch, so each sample is normalised by its own statistics; remove N from Axes (InstanceNorm or GroupNorm) or use a batch larger than 1",
            "axes, batch");

        public static readonly Rule LayoutWithoutChannels = new(
            "NG0006", Reporter.LayoutAndAxes, Error, ConfigurationCategory,
            "Layout has no channel axis",
            "Layout \"{layout}\" has no channel axis C; add C, for example \"NCHW\" or \"NLC\"",
            "layout");

        public static readonly Rule EmptyAxes = new(
            "NG0007", Reporter.LayoutAndAxes, Error, ConfigurationCategory,
            "Axes names no axis",
            "Axes = \"{axes}\" names no axis to reduce over; list the reduced axes separated by commas, for example \"N,H,W\"",
            "axes");

        public static readonly Rule UnknownAxis = new(
            "NG0008", Reporter.LayoutAndAxes, Error, ConfigurationCategory,
            "Axes contains an entry that is not an axis",
            "Axes = \"{axes}\" contains \"{entry}\", which is not an axis; use single upper-case letters N, C, D, H, W or L separated by commas",
            "axes, entry");

        public static readonly Rule RepeatedAxis = new(
            "NG0009", Reporter.LayoutAndAxes, Error, ConfigurationCategory,
            "Axes names an axis twice",
            "Axes = \"{axes}\" names {axis} more than once; name each reduced axis once",
            "axes, axis");

        public static readonly Rule AxisNotInLayout = new(
            "NG0010", Reporter.LayoutAndAxes, Error, ConfigurationCategory,
            "Reduced axis is not in the layout",
            "Axis {axis} is reduced but Layout \"{layout}\" has no {axis}; remove {axis} from Axes or add it to the layout",
            "axis, layout");

        public static readonly Rule GroupsWithReducedChannels = new(
            "NG0011", Reporter.Groups, Error, ConfigurationCategory,
            "Groups with the channel axis reduced",
            "Groups = {groups} splits the channels, but Axes = \"{axes}\" already reduce over C; remove Groups, or remove C from Axes",
            "groups, axes");

        public static readonly Rule GroupsOutOfRange = new(
            "NG0012", Reporter.Groups, Error, ConfigurationCategory,
            "Groups is not between 1 and Channels",
            "Groups = {groups} is not between 1 and Channels = {channels}; use a divisor of the channel count, or remove Groups",
            "groups, channels");

        /// <summary>The validator gives the channels; <c>fix</c> differs between the attribute and the constructor.</summary>
        public static readonly Rule ChannelsNotPositive = new(
            "NG0013", Reporter.ConfigurationValues | Reporter.LayerConstruction, Error, ConfigurationCategory,
            "Channel count is not positive",
            "Channels = {channels} is not a channel count; {fix}",
            "channels, fix");

        public static readonly Rule DimensionNegative = new(
            "NG0014", Reporter.ConfigurationValues, Error, ConfigurationCategory,
            "Fixed extent is negative",
            "{property} = {value} is negative; use a positive extent, or 0 to pass it to every call",
            "property, value");

        public static readonly Rule EpsilonOutOfRange = new(
            "NG0015", Reporter.ConfigurationValues, Error, ConfigurationCategory,
            "Epsilon is not positive and finite",
            "Epsilon = {epsilon} must be positive and finite; use a small positive value such as 1e-5",
            "epsilon");

        public static readonly Rule MomentumOutOfRange = new(
            "NG0016", Reporter.ConfigurationValues, Error, ConfigurationCategory,
            "Momentum is outside [0, 1]",
            "Momentum = {momentum} is outside [0, 1]; use a value between 0 and 1 (the default is 0.1)",
            "momentum");

        public static readonly Rule SingleValuePerStatistic = new(
            "NG0017", Reporter.ConfigurationValues, Error, ConfigurationCategory,
            "Each statistic sees one value",
            "With {extents}, Axes = \"{axes}\" give each mean and variance a single value, so every output is the bias; reduce over more axes or raise those extents",
            "axes, extents");

        public static readonly Rule RunningStatsNotAllowed = new(
            "NG0018", Reporter.ConfigurationValues, Error, ConfigurationCategory,
            "Running statistics need per-channel or per-group statistics",
            "TrackRunningStats = true needs statistics per channel or per group, but Axes = \"{axes}\" give statistics for {statistics}; remove TrackRunningStats, or reduce over every axis except N and C",
            "axes, statistics");

        public static readonly Rule UnsupportedElementType = new(
            "NG0020", Reporter.ConfigurationValues, Error, ConfigurationCategory,
            "Element type is not supported",
            "Element type '{elementType}' is not supported; use [Normalize] for float, [Normalize<double>] for double or [Normalize<Half>] for 16-bit tensors computed in float",
            "elementType");

        public static readonly Rule CumulativeAverageWithMomentum = new(
            "NG0021", Reporter.ConfigurationValues, Error, ConfigurationCategory,
            "Momentum together with CumulativeAverage",
            "Momentum = {momentum} contradicts CumulativeAverage = true, which weights every batch equally; remove Momentum or CumulativeAverage",
            "momentum");

        public static readonly Rule FixedDimensionOfAbsentAxis = new(
            "NG0022", Reporter.ConfigurationValues, Warning, ConfigurationCategory,
            "Fixed extent of an axis the layout does not have",
            "{property} = {value} fixes an axis that Layout \"{layout}\" does not have; remove {property}, or add the axis to the layout",
            "property, value, layout");

        public static readonly Rule StaticClass = new(
            "NG0023", Reporter.PartialDeclaration, Error, DeclarationCategory,
            "Class with a NormGen attribute is static",
            "'{type}' is static, but a NormGen layer, weight or scaler holds parameters and state per instance; remove the 'static' modifier",
            "type");

        public static readonly Rule GroupsOneIsLayerNorm = new(
            "NG0024", Reporter.Groups, Info, ConfigurationCategory,
            "Groups = 1 is layer normalisation",
            "Groups = 1 puts all {channels} channels in one group, which is layer normalisation; to say so plainly, reduce over C in Axes and remove Groups (Weight and Bias then become element-wise)",
            "channels");

        public static readonly Rule GroupsEqualChannelsIsInstanceNorm = new(
            "NG0025", Reporter.Groups, Info, ConfigurationCategory,
            "Groups = Channels is instance normalisation",
            "Groups = {channels} gives each of the {channels} channels its own group, which is instance normalisation; remove Groups to say so plainly",
            "channels");

        public static readonly Rule MomentumWithoutRunningStats = new(
            "NG0026", Reporter.ConfigurationValues, Warning, ConfigurationCategory,
            "Running-statistics option on a layer without running statistics",
            "{property} has no effect because this layer keeps no running statistics; remove {property}, or set TrackRunningStats = true where the configuration allows it",
            "property");

        public static readonly Rule MultipleAttributes = new(
            "NG0027", Reporter.PartialDeclaration, Error, DeclarationCategory,
            "Class carries more than one NormGen attribute",
            "'{type}' carries more than one NormGen attribute ({attributes}), so nothing is generated for it; keep one of them and declare each layer, weight or scaler in its own partial class",
            "type, attributes");

        public static readonly Rule DimensionNotPositive = new(
            "NG0028", Reporter.ForwardCall | Reporter.LayerConstruction, Warning, UsageCategory,
            "Extent given to a layer is not positive",
            "{method} is called with {parameter} = {value}, which throws ArgumentException; pass a positive {parameter}",
            "method, parameter, value");

        public static readonly Rule SpanLengthMismatch = new(
            "NG0029", Reporter.ForwardCall, Warning, UsageCategory,
            "Span length does not match the shape",
            "'{span}' has {length} elements but the shape {shape} needs {needed}; pass a span of {needed} elements",
            "span, length, shape, needed");

        public static readonly Rule SpanLengthNotMultiple = new(
            "NG0030", Reporter.ForwardCall, Warning, UsageCategory,
            "Span length cannot match the shape for any unknown extent",
            "'{span}' has {length} elements, which is not a multiple of {product} ({extents}), so no value of the other extents makes it fit; pass a span whose length is a multiple of {product}",
            "span, length, product, extents");

        public static readonly Rule SpanLengthsDiffer = new(
            "NG0031", Reporter.ForwardCall, Warning, UsageCategory,
            "Spans passed to one call have different lengths",
            "'{first}' has {firstLength} elements but '{other}' has {otherLength}; every span passed to {method} holds the whole tensor, so pass spans of one length",
            "first, firstLength, other, otherLength, method");

        public static readonly Rule SingleValuePerStatisticAtCall = new(
            "NG0032", Reporter.ForwardCall, Warning, UsageCategory,
            "Training call with one value per statistic",
            "{method} trains with {extents}, so each statistic of Axes = \"{axes}\" sees a single value and the call throws ArgumentException; pass larger extents or set Training = false",
            "method, extents, axes");

        public static readonly Rule LayoutNotGiven = new(
            "NG0033", Reporter.DefaultLayout, Info, ConfigurationCategory,
            "Layout not given: the channels-first default is used",
            "Layout not given: {layout} (channels-first) is used; write Layout = \"{layout}\" to make it explicit, or the layout your data is stored in",
            "layout");

        public static readonly Rule RmsNormWithRunningStats = new(
            "NG0034", Reporter.ConfigurationValues, Error, ConfigurationCategory,
            "RMSNorm keeps no running statistics",
            "Center = false (RMSNorm) normalises every input by its own mean square, and there is no running mean or variance to keep, but TrackRunningStats = true with Axes = \"{axes}\" asks for them; remove TrackRunningStats, or remove Center = false for BatchNorm",
            "axes");

        public static readonly Rule RmsNormWithGroups = new(
            "NG0035", Reporter.Groups, Error, ConfigurationCategory,
            "RMSNorm with Groups",
            "Groups = {groups} shares a mean and a variance among the channels of a group, but Center = false (RMSNorm) takes neither; remove Groups and reduce over C for RMSNorm, or remove Center = false for GroupNorm",
            "groups");

        public static readonly Rule UnknownActivation = new(
            "NG0036", Reporter.ConfigurationValues, Error, ConfigurationCategory,
            "Activation is not a NormActivation value",
            "Activation = {activation} is not one of NormActivation's values (None, Relu, Silu, Gelu, GeluTanh); write one of them by name, for example Activation = NormActivation.Relu",
            "activation");

        public static readonly Rule UnknownResidual = new(
            "NG0038", Reporter.ConfigurationValues, Error, ConfigurationCategory,
            "Residual is not a NormResidual value",
            "Residual = {residual} is not one of NormResidual's values (None, BeforeActivation, BeforeNorm); write one of them by name, for example Residual = NormResidual.BeforeActivation",
            "residual");

        public static readonly Rule ResidualWithHalf = new(
            "NG0039", Reporter.ConfigurationValues, Error, ConfigurationCategory,
            "Residual before a smooth activation with 16-bit tensors is not supported",
            "Residual = BeforeActivation with Activation = {activation} is not supported with Half tensors; use Activation = NormActivation.Relu or none, Residual = NormResidual.BeforeNorm, or float tensors",
            "activation");

        public static readonly Rule DimOutOfRange = new(
            "NG0040", Reporter.TransformConfiguration, Error, ConfigurationCategory,
            "Dim is not a dimension of the weight",
            "Dim {dim} is outside the weight's {rank} dimensions (shape {shape}); use a value from {lowest} to {highest}",
            "dim, rank, shape, lowest, highest");

        public static readonly Rule InvalidWeightShape = new(
            "NG0041", Reporter.TransformConfiguration, Error, ConfigurationCategory,
            "The weight's Shape is missing or invalid",
            "Shape {shape} is not a valid weight shape: {reason}; give one positive extent per dimension of the weight, fewer than 2^31 elements in all",
            "shape, reason");

        public static readonly Rule WeightEpsilonOutOfRange = new(
            "NG0042", Reporter.TransformConfiguration, Error, ConfigurationCategory,
            "Weight normalisation Epsilon is negative or not finite",
            "Epsilon {epsilon} must be zero or a positive finite number; remove Epsilon (0, as PyTorch) or use a small positive value such as 1e-12",
            "epsilon");

        public static readonly Rule TransformElementTypeUnsupported = new(
            "NG0043", Reporter.TransformConfiguration, Error, ConfigurationCategory,
            "Unsupported element type for weight normalisation or a scaler",
            "{elementType} is not a supported element type for {attribute}; use float or double",
            "elementType, attribute");

        public static readonly Rule InvalidScalerLayout = new(
            "NG0044", Reporter.TransformConfiguration, Error, ConfigurationCategory,
            "Scaler Layout is not valid",
            "Layout '{layout}' is not valid: {reason}; use the letters N, C, D, H, W and L, each at most once and C always, for example \"NC\" or \"NCHW\"",
            "layout, reason");

        public static readonly Rule InvalidScalerAxes = new(
            "NG0045", Reporter.TransformConfiguration, Error, ConfigurationCategory,
            "Scaler Axes are not valid",
            "Axes '{axes}' are not valid for layout '{layout}': {reason}; list letters of the layout, each once, separated by commas",
            "axes, layout, reason");

        public static readonly Rule InvalidFeatureRange = new(
            "NG0047", Reporter.TransformConfiguration, Error, ConfigurationCategory,
            "Min-Max feature range is empty or not finite",
            "FeatureRangeMin {minimum} must be below FeatureRangeMax {maximum}, and both finite; use finite bounds with the minimum first, for example 0 and 1",
            "minimum, maximum");

        public static readonly Rule InvalidScalerExtent = new(
            "NG0048", Reporter.TransformConfiguration, Error, ConfigurationCategory,
            "Scaler extent is negative, of an absent axis, or too large",
            "{property} = {value} is not a valid extent for layout '{layout}': {reason}; fix or remove {property}",
            "property, value, layout, reason");

        /// <summary>Every rule, by ID.</summary>
        public static ImmutableArray<Rule> All => Index.All;

        /// <summary>The rule with ID <paramref name="id"/>.</summary>
        public static Rule ById(string id) => Index.ById[id];

        /// <summary>The rules <paramref name="reporter"/> reports, by ID.</summary>
        public static ImmutableArray<Rule> ReportedBy(Reporter reporter) =>
            All.Where(r => (r.Reporters & reporter) != 0).ToImmutableArray();

        /// <summary>Built on first use, after every field above is set.</summary>
        private static class Index
        {
            public static readonly ImmutableArray<Rule> All = typeof(Rules)
                .GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(Rule))
                .Select(f => (Rule)f.GetValue(null)!)
                .OrderBy(r => r.Id, StringComparer.Ordinal)
                .ToImmutableArray();

            public static readonly Dictionary<string, Rule> ById = All.ToDictionary(r => r.Id);
        }
    }
}
