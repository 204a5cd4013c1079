using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace NormGen.Configuration
{
    /// <summary>The outcome of checking a <see cref="WeightNormalizeOptions"/>.</summary>
    internal sealed record WeightNormValidationResult(WeightNormConfiguration? Configuration, EquatableArray<ConfigurationProblem> Problems);

    /// <summary>
    /// Turns the values of a <c>[WeightNormalize]</c> attribute into a <see cref="WeightNormConfiguration"/>, or explains
    /// why not. The generator and the analyzers both call this; each problem names its message arguments (<see cref="Rules"/>).
    /// </summary>
    internal static class WeightNormValidator
    {
        public static WeightNormValidationResult Validate(WeightNormalizeOptions options)
        {
            var problems = new List<ConfigurationProblem>();
            var elementType = CheckElementType(options.ElementType, "[WeightNormalize]", problems);
            bool shapeValid = CheckShape(options.Shape, problems);
            int? dim = shapeValid ? CheckDim(options, problems) : null;

            if (!(options.Epsilon >= 0) || double.IsInfinity(options.Epsilon))
            {
                problems.Add(Rules.WeightEpsilonOutOfRange.Problem("Epsilon", ("epsilon", Format(options.Epsilon))));
            }

            var configuration = problems.Count == 0 && elementType is not null && dim is not null
                ? new WeightNormConfiguration(options.Shape, dim.Value, elementType.Value, options.Epsilon)
                : null;
            return new WeightNormValidationResult(configuration, problems.ToEquatableArray());
        }

        /// <summary>NG0043 for an element type other than float or double.</summary>
        internal static ElementKind? CheckElementType(string elementType, string attribute, List<ConfigurationProblem> problems)
        {
            switch (elementType)
            {
                case "float":
                    return ElementKind.Float;
                case "double":
                    return ElementKind.Double;
                default:
                    problems.Add(Rules.TransformElementTypeUnsupported.Problem("", ("elementType", elementType), ("attribute", attribute)));
                    return null;
            }
        }

        private static bool CheckShape(EquatableArray<int> shape, List<ConfigurationProblem> problems)
        {
            string? reason = null;
            if (shape.Count == 0)
            {
                reason = "it has no extents; list the weight's extents, for example Shape = new[] { 64, 3, 3, 3 }";
            }
            else if (shape.Any(e => e <= 0))
            {
                int index = shape.ToList().FindIndex(e => e <= 0);
                reason = "extent " + Format(shape[index]) + " of dimension " + Format(index) + " is not positive";
            }
            else if (shape.Aggregate(1L, (a, e) => System.Math.Min(a * e, (long)int.MaxValue + 1)) > int.MaxValue)
            {
                reason = "it has more elements than an array can hold (" + Format(int.MaxValue) + ")";
            }

            if (reason is not null)
            {
                problems.Add(Rules.InvalidWeightShape.Problem("Shape", ("shape", Describe(shape)), ("reason", reason)));
            }

            return reason is null;
        }

        // NG0040. As PyTorch's weight_norm: -1 takes one norm over the whole weight; -2 and below count from the end.
        private static int? CheckDim(WeightNormalizeOptions options, List<ConfigurationProblem> problems)
        {
            int rank = options.Shape.Count;
            if (options.Dim < -rank || options.Dim >= rank)
            {
                problems.Add(Rules.DimOutOfRange.Problem("Dim", ("dim", Format(options.Dim)), ("rank", Format(rank)), ("shape", Describe(options.Shape)), ("lowest", Format(-rank)), ("highest", Format(rank - 1))));
                return null;
            }

            return options.Dim == WeightNormConfiguration.WholeWeight ? options.Dim : options.Dim < 0 ? options.Dim + rank : options.Dim;
        }

        /// <summary>"[64, 3, 3, 3]".</summary>
        public static string Describe(IEnumerable<int> shape) => "[" + string.Join(", ", shape.Select(Format)) + "]";

        private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);

        private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
    }
}
