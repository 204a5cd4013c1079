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
    internal sealed record Extent(int Constant, EquatableArray<string> Variables)
    {
        public static Extent One { get; } = new(1, EquatableArray<string>.Empty);

        public static Extent Of(int constant) => new(constant, EquatableArray<string>.Empty);

        public static Extent Variable(string name) => new(1, new[] { name }.ToEquatableArray());

        public bool IsConstant => Variables.Count == 0;

        public Extent Times(Extent other) =>
            new(Constant * other.Constant, Variables.Concat(other.Variables).ToEquatableArray());

        public static Extent Product(IEnumerable<Extent> extents) => extents.Aggregate(One, (a, b) => a.Times(b));

        /// <summary>C# for the value as an <c>int</c>: <c>64</c>, <c>height * width</c>, <c>batch * 64</c>.</summary>
        public string ToCode()
        {
            var factors = Variables.ToList();
            if (Constant != 1 || factors.Count == 0)
            {
                factors.Add(Constant.ToString(CultureInfo.InvariantCulture));
            }

            return string.Join(" * ", factors);
        }

        /// <summary>C# for the value as a <c>long</c>, safe from overflow: <c>(long)batch * 64</c>.</summary>
        public string ToLongCode() => IsConstant ? ToCode() + "L" : "(long)" + ToCode();
    }
}
