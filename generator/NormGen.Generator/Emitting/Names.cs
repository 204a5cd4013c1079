using System.Globalization;
using NormGen.Configuration;
using NormGen.Generator.Planning;

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
        public const string ShortRunKernels = "global::NormGen.Runtime.ShortRunKernels";
        public const string Activations = "global::NormGen.Runtime.Activations";

        public const string HalfVectors = "global::NormGen.Runtime.HalfVectors";

        public const string Residuals = "global::NormGen.Runtime.Residuals";
        public const string ReadOnlySpan = "global::System.ReadOnlySpan";
        public const string Span = "global::System.Span";
        public const string Culture = "global::System.Globalization.CultureInfo.InvariantCulture";

        public Names(ElementKind element)
            : this(ElementTypes.Of(element))
        {
        }

        public Names(ElementTypes elements)
        {
            Elements = elements;
            Element = elements.Compute;
            T = Keyword(elements.Compute);
            Tensor = Keyword(elements.Storage);
            VectorT = Element == ElementKind.Float ? "NGVectorFloat" : "NGVectorDouble";
            MathType = Element == ElementKind.Float ? "global::System.MathF" : "global::System.Math";
        }

        private static string Keyword(ElementKind kind) => kind switch
        {
            ElementKind.Float => "float",
            ElementKind.Double => "double",
            _ => "global::System.Half",
        };

        public ElementTypes Elements { get; }

        /// <summary>The type computed in (see <see cref="ElementTypes.Compute"/>).</summary>
        public ElementKind Element { get; }

        /// <summary>The keyword of the type computed in: of every local, statistic, parameter and vector lane.</summary>
        public string T { get; }

        /// <summary>The type of the tensors (input, output and their gradients): <see cref="T"/>, or Half.</summary>
        public string Tensor { get; }

        /// <summary>The arrays every kernel names the tensors by: x, y, dy, dx, and the residual's input, r, dr. Their loads
        /// and stores go through <see cref="LoadVector"/>, <see cref="StoreVector"/>, <see cref="Read"/> and
        /// <see cref="Write"/>, which convert when <see cref="ElementTypes.Converts"/>.</summary>
        public static bool IsTensor(string array) => array is "x" or "y" or "dy" or "dx" or "input" or "res" or "dr";

        private bool Converts(string array) => Elements.Converts && IsTensor(array);

        /// <summary>A vector of <see cref="T"/> from <paramref name="array"/> at <paramref name="index"/>, widened from a tensor when it converts.</summary>
        public string LoadVector(string array, string index, bool zeroExtend = false) => Converts(array)
            ? $"{HalfVectors}.Load(ref {array}, {KernelSnippets.Offset(index, zeroExtend)})"
            : KernelSnippets.LoadVector(array, index, zeroExtend);

        /// <summary>The statement storing a vector of <see cref="T"/> to <paramref name="array"/> at <paramref name="index"/>, narrowed to a tensor when it converts.</summary>
        public string StoreVector(string value, string array, string index, bool zeroExtend = false) => Converts(array)
            ? $"{HalfVectors}.Store({value}, ref {array}, {KernelSnippets.Offset(index, zeroExtend)});"
            : KernelSnippets.StoreVector(value, array, index, zeroExtend);

        /// <summary>One element of <paramref name="array"/> as <see cref="T"/> (a scalar tail's load).</summary>
        public string Read(string array, string index) => Converts(array)
            ? $"({T}){KernelSnippets.At(array, index)}"
            : KernelSnippets.At(array, index);

        /// <summary>The statement storing <paramref name="value"/> (of <see cref="T"/>) into one element of <paramref name="array"/>.</summary>
        public string Write(string array, string index, string value) => Converts(array)
            ? $"{KernelSnippets.At(array, index)} = ({Tensor})({value});"
            : $"{KernelSnippets.At(array, index)} = {value};";

        /// <summary>The alias of <c>global::System.Numerics.Vector&lt;float&gt;</c> (or of double).</summary>
        public string VectorT { get; }

        /// <summary>MathF for float, Math for double.</summary>
        public string MathType { get; }

        /// <summary>Declares the aliases: first in the namespace declaration, or at the top of the file for the global namespace.</summary>
        public void WriteAliases(IndentedWriter w)
        {
            w.Template($$"""
                using {{Unsafe}} = global::System.Runtime.CompilerServices.Unsafe;
                using {{MemoryMarshal}} = global::System.Runtime.InteropServices.MemoryMarshal;
                using {{Vector}} = global::System.Numerics.Vector;
                using {{VectorT}} = global::System.Numerics.Vector<{{T}}>;

                """);
        }

        public string Interface => Elements.Converts
            ? MembersInterface
            : $"global::NormGen.INormalizationLayer<{T}>";

        /// <summary>The interface that declares the layer's members, which explicit implementations name.</summary>
        public string MembersInterface => $"global::NormGen.INormalizationLayer<{Tensor}, {T}>";

        public string Zero => Element == ElementKind.Float ? "0f" : "0d";

        public string One => Element == ElementKind.Float ? "1f" : "1d";

        /// <summary>A literal of the element type that round-trips the value.</summary>
        public string Literal(double value) => Element == ElementKind.Float
            ? $"{((float)value).ToString("R", CultureInfo.InvariantCulture)}f"
            : DoubleLiteral(value);

        public static string DoubleLiteral(double value) => $"{value.ToString("R", CultureInfo.InvariantCulture)}d";

        public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
