using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NormGen.Configuration;

namespace NormGen.Generator.Planning
{
    /// <summary>
    /// A loop extent or stride: a constant times a product of per-call dimensions (<c>batch</c>, <c>height</c>, ...).
    /// Fixed dimensions fold into the constant, so the emitted code states them as literals.
    /// </summary>
    /// <remarks><see cref="Local"/>: the name of the local a kernel holds the product in (<see cref="Named"/>), which
    /// <see cref="ToCode"/> then writes.</remarks>
    internal sealed record Extent(int Constant, EquatableArray<string> Variables, string? Local = null)
    {
        public static Extent One { get; } = new(1, EquatableArray<string>.Empty);

        public static Extent Of(int constant) => new(constant, EquatableArray<string>.Empty);

        public static Extent Variable(string name) => new(1, new[] { name }.ToEquatableArray());

        /// <summary>A per-call or constructed dimension divided by a constant that divides it: the channels of one
        /// group, <c>(channels / 8)</c>, when the channel count is given to the constructor.</summary>
        public static Extent Quotient(string name, int divisor) =>
            divisor == 1 ? Variable(name) : Variable($"({name} / {divisor.ToString(CultureInfo.InvariantCulture)})");

        public bool IsConstant => Variables.Count == 0;

        /// <summary>A product of a per-call (or constructed) extent and another factor: worth a local of its own in a
        /// kernel, rather than a multiplication in a loop's condition.</summary>
        public bool IsProduct => !IsConstant && (Variables.Count > 1 || Constant != 1);

        /// <summary>The same value, written as the local <paramref name="local"/>.</summary>
        public Extent Named(string local) => this with { Local = local };

        /// <summary>The same value, written as its product (not as a local).</summary>
        public Extent Unnamed => Local is null ? this : this with { Local = null };

        /// <summary>The product; a quotient times a multiple of its divisor folds back, <c>8 * (channels / 8)</c> to <c>channels</c>.</summary>
        public Extent Times(Extent other)
        {
            // One is the identity, and every extent is already folded: most products start from One.
            if (other.IsConstant && other.Constant == 1)
            {
                return this;
            }

            if (IsConstant && Constant == 1)
            {
                return other;
            }

            int constant = Constant * other.Constant;
            var variables = Variables.Concat(other.Variables).ToList();
            for (int i = 0; i < variables.Count; i++)
            {
                var (dimension, divisor) = Split(variables[i]);
                if (divisor > 1 && constant % divisor == 0)
                {
                    constant /= divisor;
                    variables[i] = dimension;
                }
            }

            return new(constant, variables.ToEquatableArray());
        }

        /// <summary>The dimension a variable of an extent reads: <c>channels</c> for both <c>channels</c> and <c>(channels / 8)</c>.</summary>
        public static string DimensionOf(string variable) => Split(variable).Dimension;

        /// <summary>A variable as its dimension and divisor (1 unless it is a <see cref="Quotient"/>).</summary>
        private static (string Dimension, int Divisor) Split(string variable)
        {
            int slash = variable.IndexOf(" / ", System.StringComparison.Ordinal);
            return slash > 0 && variable[0] == '('
                ? (variable.Substring(1, slash - 1), int.Parse(variable.Substring(slash + 3, variable.Length - slash - 4), CultureInfo.InvariantCulture))
                : (variable, 1);
        }

        public static Extent Product(IEnumerable<Extent> extents) => extents.Aggregate(One, (a, b) => a.Times(b));

        /// <summary>C# for the value as an <c>int</c>: <c>64</c>, <c>height * width</c>, <c>batch * 64</c>, or the local
        /// that holds it.</summary>
        public string ToCode() => Local ?? ProductCode();

        /// <summary>C# for the product: <c>height * width</c>.</summary>
        public string ProductCode()
        {
            var factors = Variables.ToList();
            if (Constant != 1 || factors.Count == 0)
            {
                factors.Add(Constant.ToString(CultureInfo.InvariantCulture));
            }

            return string.Join(" * ", factors);
        }

        /// <summary>C# for the value as a <c>long</c>, safe from overflow: <c>(long)batch * 64</c>.</summary>
        public string ToLongCode() => IsConstant ? $"{ProductCode()}L" : $"(long){ProductCode()}";
    }
}
