using System.Globalization;
using NormGen.Configuration;

namespace NormGen.Generator.Emitting
{
    /// <summary>Fully qualified names the generated code uses, and C# literals of the element type.</summary>
    internal sealed class Names
    {
        public const string Unsafe = "global::System.Runtime.CompilerServices.Unsafe";
        public const string MemoryMarshal = "global::System.Runtime.InteropServices.MemoryMarshal";
        public const string Vector = "global::System.Numerics.Vector";
        public const string ShapeGuard = "global::NormGen.Runtime.ShapeGuard";
        public const string Buffers = "global::NormGen.Runtime.Buffers";
        public const string Parallel = "global::NormGen.Runtime.ParallelStatistics";
        public const string ReadOnlySpan = "global::System.ReadOnlySpan";
        public const string Span = "global::System.Span";
        public const string Culture = "global::System.Globalization.CultureInfo.InvariantCulture";

        public Names(ElementKind element)
        {
            Element = element;
            T = element == ElementKind.Float ? "float" : "double";
            VectorT = Vector + "<" + T + ">";
            MathType = element == ElementKind.Float ? "global::System.MathF" : "global::System.Math";
        }

        public ElementKind Element { get; }

        /// <summary>The element type keyword.</summary>
        public string T { get; }

        /// <summary><c>global::System.Numerics.Vector&lt;float&gt;</c>.</summary>
        public string VectorT { get; }

        /// <summary>MathF for float, Math for double.</summary>
        public string MathType { get; }

        public string Interface => "global::NormGen.INormalizationLayer<" + T + ">";

        public string Zero => Element == ElementKind.Float ? "0f" : "0d";

        public string One => Element == ElementKind.Float ? "1f" : "1d";

        /// <summary>A literal of the element type that round-trips the value.</summary>
        public string Literal(double value) => Element == ElementKind.Float
            ? ((float)value).ToString("R", CultureInfo.InvariantCulture) + "f"
            : value.ToString("R", CultureInfo.InvariantCulture) + "d";

        public static string DoubleLiteral(double value) => value.ToString("R", CultureInfo.InvariantCulture) + "d";

        public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
