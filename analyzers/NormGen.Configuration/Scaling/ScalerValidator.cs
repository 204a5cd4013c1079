using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NormGen.Configuration
{
    /// <summary>The outcome of checking a <see cref="ScalerOptions"/>.</summary>
    internal sealed record ScalerValidationResult(ScalerConfiguration? Configuration, EquatableArray<ConfigurationProblem> Problems);

    /// <summary>
    /// Turns the values of a <c>[MinMaxScaler]</c> or <c>[StandardScaler]</c> attribute into a
    /// <see cref="ScalerConfiguration"/>, or explains why not. Layout and axis letters are those of <c>[Normalize]</c>.
    /// The generator and the analyzers both call this; each problem names its message arguments (<see cref="Rules"/>).
    /// </summary>
    internal static class ScalerValidator
    {
        private static readonly Axis[] ExtentAxes = { Axis.N, Axis.C, Axis.D, Axis.H, Axis.W, Axis.L };

        public static ScalerValidationResult Validate(ScalerOptions options)
        {
            var problems = new List<ConfigurationProblem>();
            var elementType = WeightNormValidator.CheckElementType(options.ElementType, options.AttributeDisplayName, problems);
            var layout = CheckLayout(options.Layout, problems);
            var reduced = layout is null ? null : CheckAxes(options.Axes, options.Layout, layout, problems);
            CheckExtents(options, layout, problems);
            if (options.Kind == ScalerKind.MinMax)
            {
                CheckFeatureRange(options, problems);
            }

            if (problems.Count > 0 || layout is null || reduced is null || elementType is null)
            {
                return new ScalerValidationResult(null, problems.ToEquatableArray());
            }

            // A kept axis not fixed in the attribute is given to the constructor: the statistics are sized there.
            var axes = layout
                .Select(a => new LayoutAxis(a, options.FixedExtent(a), reduced.Contains(a), !reduced.Contains(a) && options.FixedExtent(a) == 0))
                .ToEquatableArray();

            // NG0048 for the fixed kept axes together: one statistic per index of them must fit in an array.
            long statistics = axes.Where(a => !a.Reduced).Aggregate(1L, (p, a) => System.Math.Min(p * System.Math.Max(a.FixedExtent, 1), (long)int.MaxValue + 1));
            if (statistics > int.MaxValue)
            {
                var kept = axes.Where(a => !a.Reduced && a.IsFixed).ToArray();
                problems.Add(Rules.InvalidScalerExtent.Problem(
                    "",
                    ("property", string.Join(" * ", kept.Select(a => a.Axis.PropertyName()))),
                    ("value", string.Join(" * ", kept.Select(a => Format(a.FixedExtent)))),
                    ("layout", options.Layout),
                    ("reason", "the scaler would keep more statistics than an array can hold")));
                return new ScalerValidationResult(null, problems.ToEquatableArray());
            }

            var configuration = new ScalerConfiguration(
                options.Kind,
                options.Layout,
                options.Axes,
                axes,
                elementType.Value,
                options.Kind == ScalerKind.MinMax ? options.FeatureRangeMin : 0d,
                options.Kind == ScalerKind.MinMax ? options.FeatureRangeMax : 0d,
                options.Kind == ScalerKind.MinMax && options.Clip);
            return new ScalerValidationResult(configuration, problems.ToEquatableArray());
        }

        private static Axis[]? CheckLayout(string layoutText, List<ConfigurationProblem> problems)
        {
            var axes = new List<Axis>();
            foreach (char letter in layoutText)
            {
                string? reason = !AxisNames.TryParse(letter, out var axis)
                    ? "'" + letter + "' is not an axis letter (N, C, D, H, W, L)"
                    : axes.Contains(axis) ? "'" + letter + "' appears more than once" : null;
                if (reason is not null)
                {
                    problems.Add(Rules.InvalidScalerLayout.Problem("Layout", ("layout", layoutText), ("reason", reason)));
                    return null;
                }

                axes.Add(axis);
            }

            if (!axes.Contains(Axis.C))
            {
                problems.Add(Rules.InvalidScalerLayout.Problem("Layout", ("layout", layoutText), ("reason", "it has no C (channels or features) axis")));
                return null;
            }

            return axes.ToArray();
        }

        private static HashSet<Axis>? CheckAxes(string axesText, string layoutText, Axis[] layout, List<ConfigurationProblem> problems)
        {
            var entries = axesText.Split(',').Select(e => e.Trim()).ToArray();
            string? reason = null;
            var reduced = new HashSet<Axis>();
            if (entries.All(e => e.Length == 0))
            {
                reason = "no axis is given; name the axes statistics are computed over, for example \"N\"";
            }
            else
            {
                foreach (var entry in entries)
                {
                    if (entry.Length != 1 || !AxisNames.TryParse(entry[0], out var axis))
                    {
                        reason = "'" + entry + "' is not an axis letter (N, C, D, H, W, L)";
                    }
                    else if (!layout.Contains(axis))
                    {
                        reason = "the layout has no axis " + entry;
                    }
                    else if (!reduced.Add(axis))
                    {
                        reason = entry + " is named more than once";
                    }

                    if (reason is not null)
                    {
                        break;
                    }
                }
            }

            if (reason is not null)
            {
                problems.Add(Rules.InvalidScalerAxes.Problem("Axes", ("axes", axesText), ("layout", layoutText), ("reason", reason)));
                return null;
            }

            return reduced;
        }

        private static void CheckExtents(ScalerOptions options, Axis[]? layout, List<ConfigurationProblem> problems)
        {
            foreach (var axis in ExtentAxes)
            {
                int extent = options.FixedExtent(axis);
                if (extent < 0)
                {
                    problems.Add(Rules.InvalidScalerExtent.Problem(axis.PropertyName(), ("property", axis.PropertyName()), ("value", Format(extent)), ("layout", options.Layout), ("reason", "an extent is positive, or 0 to give it per call (axes in Axes) or to the constructor (the others)")));
                }
                else if (extent > 0 && layout is not null && !layout.Contains(axis))
                {
                    problems.Add(Rules.InvalidScalerExtent.Problem(axis.PropertyName(), ("property", axis.PropertyName()), ("value", Format(extent)), ("layout", options.Layout), ("reason", "the layout has no " + axis.Letter() + " axis")));
                }
            }
        }

        private static void CheckFeatureRange(ScalerOptions options, List<ConfigurationProblem> problems)
        {
            double min = options.FeatureRangeMin, max = options.FeatureRangeMax;
            if (!(min < max) || double.IsInfinity(min) || double.IsInfinity(max))
            {
                problems.Add(Rules.InvalidFeatureRange.Problem("FeatureRangeMin", ("minimum", Format(min)), ("maximum", Format(max))));
            }
        }

        private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
