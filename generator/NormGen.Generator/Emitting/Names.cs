using System.Globalization;
using NormGen.Configuration;

namespace NormGen.Generator.Emitting
{
    /// <summary>Names the generated code uses, and C# literals of the element type.</summary>
    /// <remarks>The kernels' most frequent names are using aliases that every generated file declares inside its
    /// namespace declaration (<see cref="WriteAliases"/>): <c>global::System.Runtime.CompilerServices.Unsafe.Add</c>
    /// on every element access made the text a third longer, and every build parses it. The NG prefix keeps them apart
    /// from the user's own types and members (a class named Vector in the namespace would clash with a plain alias
    /// Vector, CS0576, and a member named Vector would hide it). Every other name is written fully qualified.</remarks>
    internal sealed class Names
    {
        public const string Unsafe = "NGUnsafe";
        public const string MemoryMarshal = "NGMemoryMarshal";
        public const string Vector = "NGVector";
        public const string ShapeGuard = "global::NormGen.Runtime.ShapeGuard";
        public const string Buffers = "global::NormGen.Runtime.Buffers";
        public const string Parallel = "global::NormGen.Runtime.ParallelStatistics";
        public const string ChannelRows = "global::NormGen.Runtime.ChannelRows";
        public const string Activations = "global::NormGen.Runtime.Activations";
        public const string ReadOnlySpan = "global::System.ReadOnlySpan";
        public const string Span = "global::System.Span";
        public const string Culture = "global::System.Globalization.CultureInfo.InvariantCulture";

        public Names(ElementKind element)
        {
            Element = element;
            T = element == ElementKind.Float ? "float" : "double";
            VectorT = element == ElementKind.Float ? "NGVectorFloat" : "NGVectorDouble";
            MathType = element == ElementKind.Float ? "global::System.MathF" : "global::System.Math";
        }

        public ElementKind Element { get; }

        /// <summary>The element type keyword.</summary>
        public string T { get; }

        /// <summary>The alias of <c>global::System.Numerics.Vector&lt;float&gt;</c> (or of double).</summary>
        public string VectorT { get; }

        /// <summary>MathF for float, Math for double.</summary>
        public string MathType { get; }

        /// <summary>Declares the aliases: first in the namespace declaration, or at the top of the file for the global namespace.</summary>
        public void WriteAliases(IndentedWriter w)
        {
            w.Line("using " + Unsafe + " = global::System.Runtime.CompilerServices.Unsafe;");
            w.Line("using " + MemoryMarshal + " = global::System.Runtime.InteropServices.MemoryMarshal;");
            w.Line("using " + Vector + " = global::System.Numerics.Vector;");
            w.Line("using " + VectorT + " = global::System.Numerics.Vector<" + T + ">;");
            w.Line();
        }

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
