using NormGen.Configuration;
using NormGen.Generator.Emitting;

namespace NormGen.Generator.WeightNormalization
{
    /// <summary>Writes the shape, the parameters <c>V</c> and <c>G</c>, their gradients, the per-row scratch buffers and <c>ZeroGrad</c>.</summary>
    internal static class WeightNormStateEmitter
    {
        public static void Emit(IndentedWriter w, WeightNormConfiguration c, Names n)
        {
            string T = n.T;
            w.Line("/// <summary>The weight's shape, outermost dimension first: " + c.ShapeText + ".</summary>");
            w.Line("public " + Names.ReadOnlySpan + "<int> Shape => _shape;");
            w.Line();
            w.Line("private static readonly int[] _shape = { " + string.Join(", ", System.Linq.Enumerable.Select(c.Shape, Names.Int)) + " };");
            w.Line();
            w.Line("/// <summary>The dimension that keeps one magnitude per index; the norm is taken over the others.</summary>");
            w.Line("public int Dim => " + Names.Int(c.Dim) + ";");
            w.Line();
            w.Line("/// <summary>Lower bound of the norm (0: none, as PyTorch).</summary>");
            w.Line("public double Epsilon => " + Names.DoubleLiteral(c.Epsilon) + ";");
            w.Line();
            Members.ArrayProperty(w, T, "V", "The direction v (PyTorch <c>original1</c>), " + Names.Int(c.Count) + " values in shape " + c.ShapeText + "; all zero until <see cref=\"InitializeFrom\"/> or a write.", "new " + T + "[" + Names.Int(c.Count) + "]");
            string magnitudes = c.IsWholeWeight
                ? "The magnitude g (PyTorch <c>original0</c>): one for the whole weight."
                : "The magnitudes g (PyTorch <c>original0</c>), one per index of dimension " + Names.Int(c.Dim) + "; PyTorch's g has extent 1 in every other dimension, so its data is exactly this array.";
            Members.ArrayProperty(w, T, "G", magnitudes + " All zero until <see cref=\"InitializeFrom\"/> or a write.", "new " + T + "[" + Names.Int(c.Rows) + "]");
            Members.ArrayProperty(w, T, "VGrad", "Gradient of the loss with respect to <see cref=\"V\"/>, accumulated by every Backward.", "new " + T + "[" + Names.Int(c.Count) + "]");
            Members.ArrayProperty(w, T, "GGrad", "Gradient of the loss with respect to <see cref=\"G\"/>, accumulated by every Backward.", "new " + T + "[" + Names.Int(c.Rows) + "]");

            w.Line("// Per row, for InitializeFrom and Backward: the sum of v², the sum of dw·v, g / n, and the coefficient of v in dV. ComputeWeight");
            w.Line("// keeps nothing (its row sums and scales are the call's own).");
            foreach (var field in new[] { "_sumSquares", "_dot", "_scale", "_coefficient" })
            {
                w.Line("private readonly " + T + "[] " + field + " = new " + T + "[" + Names.Int(c.Rows) + "];");
            }

            w.Line();
            w.Line("/// <summary>Sets <see cref=\"VGrad\"/> and <see cref=\"GGrad\"/> to zero.</summary>");
            using (w.Block("public void ZeroGrad()"))
            {
                w.Line("global::System.Array.Clear(VGrad, 0, VGrad.Length);");
                w.Line("global::System.Array.Clear(GGrad, 0, GGrad.Length);");
            }

            w.Line();
        }
    }
}
