using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NormGen.Configuration
{
    /// <summary>The outcome of checking a <see cref="NormalizeOptions"/>: a configuration when there is no error,
    /// and every problem found (errors, warnings and suggestions).</summary>
    internal sealed record ValidationResult(LayerConfiguration? Configuration, EquatableArray<ConfigurationProblem> Problems)
    {
        public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);
    }

    /// <summary>
    /// Turns the values of a <c>[Normalize]</c> attribute into a <see cref="LayerConfiguration"/>, or explains why not.
    /// The generator and the analyzers both call this, so they never disagree on what is valid.
    /// Each problem names its message arguments, in the order its rule in <see cref="Rules"/> gives them.
    /// </summary>
    internal static class ConfigurationValidator
    {
        private static readonly Axis[] ExtentAxes = { Axis.N, Axis.C, Axis.D, Axis.H, Axis.W, Axis.L };

        public static ValidationResult Validate(NormalizeOptions options)
        {
            var problems = new List<ConfigurationProblem>();
            options = options with { Layout = DefaultLayout.Resolve(options.Layout, options.Axes) };
            var elementType = CheckElementType(options, problems);
            var layout = CheckLayout(options.Layout, problems);
            var reduced = CheckAxes(options.Axes, options.Layout, layout, problems);
            CheckExtents(options, layout, problems);
            CheckGroups(options, reduced, problems);
            CheckEpsilonAndMomentum(options, problems);
            CheckActivation(options, problems);
            CheckResidual(options, elementType, problems);
            double epsilon = EpsilonOf(options, elementType);

            if (problems.Any(p => p.Severity == ProblemSeverity.Error) || layout is null || reduced is null || elementType is null)
            {
                return new ValidationResult(null, problems.ToEquatableArray());
            }

            bool elementwise = options.Affine && reduced.Contains(Axis.C);
            var axes = layout
                .Select(a => new LayoutAxis(a, options.FixedExtent(a), reduced.Contains(a), AtConstruction(a, options, reduced, elementwise)))
                .ToArray();
            bool trackRunningStats = CheckRunningStats(options, axes, problems);
            var affine = !options.Affine ? AffineKind.None : elementwise ? AffineKind.Elementwise : AffineKind.PerChannel;
            CheckValuesPerStatistic(options, axes, problems);
            AddSuggestions(options, problems);

            if (problems.Any(p => p.Severity == ProblemSeverity.Error))
            {
                return new ValidationResult(null, problems.ToEquatableArray());
            }

            var configuration = new LayerConfiguration(
                options.Layout,
                options.Axes,
                axes.ToEquatableArray(),
                options.Channels,
                options.GroupsSet ? options.Groups : 0,
                elementType.Value,
                epsilon,
                options.Momentum,
                options.CumulativeAverage,
                affine,
                trackRunningStats,
                options.Center,
                (ActivationKind)options.Activation,
                (ResidualKind)options.Residual);
            return new ValidationResult(configuration, problems.ToEquatableArray());
        }

        // NG0036: an activation is meaningful with every configuration (without an affine it
        // follows the normalisation itself, as nn.InstanceNorm2d then nn.ReLU), so only a value outside the enum is wrong.
        private static void CheckActivation(NormalizeOptions options, List<ConfigurationProblem> problems)
        {
            if (options.Activation < (int)ActivationKind.None || options.Activation > (int)ActivationKind.GeluTanh)
            {
                problems.Add(Rules.UnknownActivation.Problem("Activation", ("activation", Format(options.Activation))));
            }
        }

        // Both forms are defined for every configuration (the residual has the input's shape whatever the statistics are),
        // so only a value outside the enum is wrong, and one Half combination: before a smooth activation, the residual's
        // gradient dz = dy * act'(z) is the gradient the normalisation's backward takes, and a Half layer would hand it
        // over rounded to Half (ReLU's is dy or 0, exact in Half).
        private static void CheckResidual(NormalizeOptions options, ElementKind? elementType, List<ConfigurationProblem> problems)
        {
            if (options.Residual < (int)ResidualKind.None || options.Residual > (int)ResidualKind.BeforeNorm)
            {
                problems.Add(Rules.UnknownResidual.Problem("Residual", ("residual", Format(options.Residual))));
            }
            else if (options.Residual == (int)ResidualKind.BeforeActivation && elementType == ElementKind.Half
                && options.Activation > (int)ActivationKind.Relu && options.Activation <= (int)ActivationKind.GeluTanh)
            {
                problems.Add(Rules.ResidualWithHalf.Problem("Residual", ("activation", ((ActivationKind)options.Activation).ToString())));
            }
        }

        private static ElementKind? CheckElementType(NormalizeOptions options, List<ConfigurationProblem> problems)
        {
            switch (options.ElementType)
            {
                case "float":
                    return ElementKind.Float;
                case "double":
                    return ElementKind.Double;
                case TransformAttributes.HalfKeyword:
                    return ElementKind.Half;
                default:
                    problems.Add(Rules.UnsupportedElementType.Problem("", ("elementType", options.ElementType)));
                    return null;
            }
        }

        /// <summary>The epsilon as written; when not written, 1e-5, or for RMSNorm the machine epsilon of the type it
        /// computes in (PyTorch's <c>nn.RMSNorm</c> with <c>eps=None</c>; a Half layer computes in float, as ATen's
        /// rms_norm does for half input, so it takes float's).</summary>
        private static double EpsilonOf(NormalizeOptions options, ElementKind? elementType) =>
            options.EpsilonSet || options.Center ? options.Epsilon
            : elementType == ElementKind.Double ? MachineEpsilonDouble : MachineEpsilonFloat;

        /// <summary>2^-23, the gap between 1 and the next float.</summary>
        public const double MachineEpsilonFloat = 1.1920928955078125e-07;

        /// <summary>2^-52, the gap between 1 and the next double.</summary>
        public const double MachineEpsilonDouble = 2.220446049250313e-16;

        private static Axis[]? CheckLayout(string layoutText, List<ConfigurationProblem> problems)
        {
            var axes = new List<Axis>();
            bool valid = true;
            foreach (char letter in layoutText)
            {
                if (!AxisNames.TryParse(letter, out var axis))
                {
                    problems.Add(Rules.UnknownLayoutLetter.Problem("Layout", ("layout", layoutText), ("letter", letter.ToString())));
                    valid = false;
                }
                else if (axes.Contains(axis))
                {
                    problems.Add(Rules.RepeatedLayoutLetter.Problem("Layout", ("layout", layoutText), ("letter", letter.ToString())));
                    valid = false;
                }
                else
                {
                    axes.Add(axis);
                }
            }

            if (!axes.Contains(Axis.C) && !problems.Any(p => p.Id == Rules.UnknownLayoutLetter.Id && p.Arguments[1].Equals("c", StringComparison.OrdinalIgnoreCase)))
            {
                problems.Add(Rules.LayoutWithoutChannels.Problem("Layout", ("layout", layoutText)));
                valid = false;
            }

            return valid ? axes.ToArray() : null;
        }

        private static HashSet<Axis>? CheckAxes(string axesText, string layoutText, Axis[]? layout, List<ConfigurationProblem> problems)
        {
            var entries = axesText.Split(',').Select(e => e.Trim()).ToArray();
            if (entries.All(e => e.Length == 0))
            {
                problems.Add(Rules.EmptyAxes.Problem("Axes", ("axes", axesText)));
                return null;
            }

            var reduced = new HashSet<Axis>();
            bool valid = true;
            foreach (var entry in entries)
            {
                if (entry.Length != 1 || !AxisNames.TryParse(entry[0], out var axis))
                {
                    problems.Add(Rules.UnknownAxis.Problem("Axes", ("axes", axesText), ("entry", entry)));
                    valid = false;
                }
                else if (!reduced.Add(axis))
                {
                    problems.Add(Rules.RepeatedAxis.Problem("Axes", ("axes", axesText), ("axis", entry)));
                    valid = false;
                }
                else if (layout is not null && !layout.Contains(axis))
                {
                    problems.Add(Rules.AxisNotInLayout.Problem("Axes", ("axis", entry), ("layout", layoutText)));
                    valid = false;
                }
            }

            return valid ? reduced : null;
        }

        /// <summary>Extents not fixed in the attribute that the constructor takes: the channel count (as
        /// <c>nn.GroupNorm(g, c)</c>) and the extents of an element-wise affine (as <c>nn.LayerNorm([c, h, w])</c>).</summary>
        private static bool AtConstruction(Axis axis, NormalizeOptions options, HashSet<Axis> reduced, bool elementwise) =>
            options.FixedExtent(axis) == 0 && (axis == Axis.C || (elementwise && axis != Axis.N && reduced.Contains(axis)));

        private static void CheckExtents(NormalizeOptions options, Axis[]? layout, List<ConfigurationProblem> problems)
        {
            if (options.Channels < 0)
            {
                problems.Add(Rules.ChannelsNotPositive.Problem("Channels", ("channels", Format(options.Channels))));
            }

            foreach (var axis in ExtentAxes.Where(a => a != Axis.C))
            {
                int extent = options.FixedExtent(axis);
                if (extent < 0)
                {
                    problems.Add(Rules.DimensionNegative.Problem(axis.PropertyName(), ("property", axis.PropertyName()), ("value", Format(extent))));
                }
                else if (extent > 0 && layout is not null && !layout.Contains(axis))
                {
                    problems.Add(Rules.FixedDimensionOfAbsentAxis.Problem(axis.PropertyName(), ("property", axis.PropertyName()), ("value", Format(extent)), ("layout", options.Layout)));
                }
            }
        }

        private static void CheckGroups(NormalizeOptions options, HashSet<Axis>? reduced, List<ConfigurationProblem> problems)
        {
            if (!options.GroupsSet)
            {
                return;
            }

            // NG0035: groups share a mean and a variance among channels; RMSNorm has neither, and no grouped
            // RMSNorm exists in PyTorch to define what it would mean.
            if (!options.Center)
            {
                problems.Add(Rules.RmsNormWithGroups.Problem("Groups", ("groups", Format(options.Groups))));
                return;
            }

            if (options.Groups <= 0 || (options.Channels > 0 && options.Groups > options.Channels))
            {
                problems.Add(Rules.GroupsOutOfRange.Problem("Groups", ("groups", Format(options.Groups)), ("channels", Format(options.Channels))));
            }
            else if (reduced is not null && reduced.Contains(Axis.C))
            {
                problems.Add(Rules.GroupsWithReducedChannels.Problem("Groups", ("groups", Format(options.Groups)), ("axes", options.Axes)));
            }
            else if (options.Channels > 0 && options.Channels % options.Groups != 0)
            {
                var divisors = GroupSuggestions.NearestDivisors(options.Channels, options.Groups);
                problems.Add(Rules.ChannelsNotDivisibleByGroups.Problem("Groups", ("channels", Format(options.Channels)), ("groups", Format(options.Groups)), ("suggestion", GroupSuggestions.Describe(divisors))));
            }
        }

        private static void CheckEpsilonAndMomentum(NormalizeOptions options, List<ConfigurationProblem> problems)
        {
            if (!(options.Epsilon > 0) || double.IsInfinity(options.Epsilon))
            {
                problems.Add(Rules.EpsilonOutOfRange.Problem("Epsilon", ("epsilon", Format(options.Epsilon))));
            }

            if (!(options.Momentum >= 0 && options.Momentum <= 1))
            {
                problems.Add(Rules.MomentumOutOfRange.Problem("Momentum", ("momentum", Format(options.Momentum))));
            }

            if (options.CumulativeAverage && options.MomentumSet)
            {
                problems.Add(Rules.CumulativeAverageWithMomentum.Problem("Momentum", ("momentum", Format(options.Momentum))));
            }
        }

        // Running statistics need one statistic per channel or per group once the batch axis is set aside:
        // every axis but N and C reduced, C kept. With N kept (instance style) they are averaged over the batch,
        // which PyTorch offers only without groups.
        // RMSNorm keeps none, as PyTorch's: its statistic is each input's own mean square, with no running estimate.
        private static bool CheckRunningStats(NormalizeOptions options, LayoutAxis[] axes, List<ConfigurationProblem> problems)
        {
            if (!options.Center && options.TrackRunningStats == true)
            {
                problems.Add(Rules.RmsNormWithRunningStats.Problem("TrackRunningStats", ("axes", options.Axes)));
                return false;
            }

            bool channelsKept = axes.Any(a => a.Axis == Axis.C && !a.Reduced);
            bool othersReduced = axes.All(a => a.Axis == Axis.N || a.Axis == Axis.C || a.Reduced);
            bool batchReduced = axes.Any(a => a.Axis == Axis.N && a.Reduced);
            bool allowed = channelsKept && othersReduced && (batchReduced || !options.GroupsSet);
            bool track = options.TrackRunningStats ?? (allowed && batchReduced && options.Center);

            if (track && !allowed)
            {
                problems.Add(Rules.RunningStatsNotAllowed.Problem("TrackRunningStats", ("axes", options.Axes), ("statistics", DescribeStatistics(axes, options.GroupsSet))));
                return false;
            }

            if (!track && (options.MomentumSet || options.CumulativeAverage))
            {
                problems.Add(Rules.MomentumWithoutRunningStats.Problem(options.CumulativeAverage ? "CumulativeAverage" : "Momentum", ("property", options.CumulativeAverage ? "CumulativeAverage" : "Momentum")));
            }

            return track;
        }

        // NG0017, or NG0005 for a batch of one; neither for RMSNorm: one value per statistic is well defined (y = x / sqrt(x^2 + eps) * weight, as in PyTorch),
        // and a sample's statistic never mixes in the other samples' values unless N is reduced, which it then does by choice.
        private static void CheckValuesPerStatistic(NormalizeOptions options, LayoutAxis[] axes, List<ConfigurationProblem> problems)
        {
            if (!options.Center)
            {
                return;
            }

            var reducedAxes = axes.Where(a => a.Reduced).ToArray();
            int groupSize = options.GroupsSet ? options.Channels / options.Groups : 1;
            if (groupSize == 1 && reducedAxes.All(a => a.FixedExtent == 1))
            {
                var extents = string.Join(", ", reducedAxes.Select(a => a.Axis.PropertyName() + " = 1"));
                problems.Add(Rules.SingleValuePerStatistic.Problem(reducedAxes.Length == 1 ? reducedAxes[0].Axis.PropertyName() : "", ("axes", options.Axes), ("extents", extents)));
            }
            else if (reducedAxes.Any(a => a.Axis == Axis.N && a.FixedExtent == 1))
            {
                problems.Add(Rules.BatchOfOne.Problem("Batch", ("axes", options.Axes)));
            }
        }

        private static void AddSuggestions(NormalizeOptions options, List<ConfigurationProblem> problems)
        {
            if (!options.GroupsSet || options.Channels <= 1)
            {
                return;
            }

            if (options.Groups == 1)
            {
                problems.Add(Rules.GroupsOneIsLayerNorm.Problem("Groups", ("channels", Format(options.Channels))));
            }
            else if (options.Groups == options.Channels)
            {
                problems.Add(Rules.GroupsEqualChannelsIsInstanceNorm.Problem("Groups", ("channels", Format(options.Channels))));
            }
        }

        private static string DescribeStatistics(LayoutAxis[] axes, bool grouped)
        {
            var kept = axes.Where(a => !a.Reduced).Select(a => a.Axis == Axis.C && grouped ? "group" : a.Axis.Letter().ToString()).ToArray();
            return kept.Length == 0 ? "the whole tensor" : "(" + string.Join(", ", kept) + ")";
        }

        private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
