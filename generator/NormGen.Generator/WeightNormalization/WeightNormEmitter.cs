using Microsoft.CodeAnalysis.Text;
using NormGen.Configuration;
using NormGen.Generator.Emitting;

namespace NormGen.Generator.WeightNormalization
{
    /// <summary>
    /// Writes the generated source of one weight normalisation: <c>w = g · v / n</c> per row (index along Dim), where
    /// <c>n = ‖v_row‖</c>, or <c>max(‖v_row‖, ε)</c> when an epsilon is declared. Backward, with <c>dg = Σ dw·v / n</c>:
    /// <c>dv = (g / n) · (dw − (dg / n) · v)</c> where the norm is not clamped, <c>dv = (g / n) · dw</c> where it is.
    /// </summary>
    internal static class WeightNormEmitter
    {
        public static SourceText Emit(WeightNormModel model)
        {
            var c = model.Configuration;
            var n = new Names(c.ElementType);
            var w = new IndentedWriter();
            string summary = "Weight normalisation of a " + n.T + " weight of shape " + c.ShapeText + ": w = g * v / ||v||, "
                + (c.IsWholeWeight ? "one g and one norm for the whole weight" : "one g per index of dimension " + Names.Int(c.Dim) + ", the norm over the other dimensions") + (c.Epsilon > 0 ? " (at least " + Names.DoubleLiteral(c.Epsilon).TrimEnd('d') + ")" : "") + ".";
            using (model.Declaration.Open(w, n, summary, "global::NormGen.IWeightNormalization<" + n.T + ">"))
            {
                WeightNormStateEmitter.Emit(w, c, n);
                EmitInitializeFrom(w, c, n);
                EmitComputeWeight(w, c, n);
                EmitBackward(w, c, n);
                WeightNormKernelEmitter.Emit(w, c, n);
            }

            return w.ToSourceText();
        }

        private static void EmitInitializeFrom(IndentedWriter w, WeightNormConfiguration c, Names n)
        {
            w.Line("/// <summary>Takes an existing weight as the starting point, as PyTorch's <c>weight_norm</c> does when it is");
            w.Line("/// registered: <c>V = weight</c> and <c>G[k] = ‖weight row k‖</c>, so <see cref=\"ComputeWeight\"/> gives the weight back.</summary>");
            w.Line("/// <param name=\"weight\">The weight, densely packed in shape " + c.ShapeText + ".</param>");
            using (w.Block("public void InitializeFrom(" + Names.ReadOnlySpan + "<" + n.T + "> weight)"))
            {
                CheckLength(w, c, "weight");
                w.Line("weight.CopyTo(V);");
                w.Line("SumSquares(_sumSquares);");
                w.Line("ref " + n.T + " g = ref " + Names.MemoryMarshal + ".GetArrayDataReference(G);");
                w.Line("ref " + n.T + " sumSquares = ref " + Names.MemoryMarshal + ".GetArrayDataReference(_sumSquares);");
                using (w.Block("for (int k = 0; k < " + Names.Int(c.Rows) + "; k++)"))
                {
                    w.Line(At("g", "k") + " = " + n.MathType + ".Sqrt(" + At("sumSquares", "k") + ");");
                }
            }

            w.Line();
        }

        private static void EmitComputeWeight(IndentedWriter w, WeightNormConfiguration c, Names n)
        {
            w.Line("/// <summary>Writes the weight: <c>w = G[k] * V / " + NormText(c) + "</c> for every element of row k.</summary>");
            w.Line("/// <param name=\"weight\">Receives the weight, densely packed in shape " + c.ShapeText + ".</param>");
            using (w.Block("public void ComputeWeight(" + Names.Span + "<" + n.T + "> weight)"))
            {
                CheckLength(w, c, "weight");
                // Row sums and scales go to the calling thread's arrays, so that threads may share the parametrisation.
                string buffers = "global::NormGen.Runtime.StatisticBuffers<" + n.T + ">";
                w.Line(buffers + " buffers = " + buffers + ".OfThread(" + Names.Int(c.Rows) + ");");
                w.Line("SumSquares(buffers.Sum);");
                w.Line("ref " + n.T + " g = ref " + Names.MemoryMarshal + ".GetArrayDataReference(G);");
                w.Line("ref " + n.T + " sumSquares = ref " + Names.MemoryMarshal + ".GetArrayDataReference(buffers.Sum);");
                w.Line("ref " + n.T + " scale = ref " + Names.MemoryMarshal + ".GetArrayDataReference(buffers.InvStd);");
                using (w.Block("for (int k = 0; k < " + Names.Int(c.Rows) + "; k++)"))
                {
                    w.Line(n.T + " norm = " + Norm(c, n, At("sumSquares", "k")) + ";");
                    w.Line(At("scale", "k") + " = " + At("g", "k") + " / norm;");
                }

                w.Line("Scale(ref " + Names.MemoryMarshal + ".GetReference(weight), buffers.InvStd);");
            }

            w.Line();
        }

        private static void EmitBackward(IndentedWriter w, WeightNormConfiguration c, Names n)
        {
            w.Line("/// <summary>Adds to <see cref=\"GGrad\"/> and <see cref=\"VGrad\"/> the gradients of the loss given its gradient with");
            w.Line("/// respect to the weight, at the current <see cref=\"V\"/> and <see cref=\"G\"/>:");
            w.Line("/// <c>dG[k] = Σ dw·v / n</c> and <c>dV = (G[k] / n) · (dw − (dG[k] / n) · v)</c> with <c>n = " + NormText(c) + "</c>" + (c.Epsilon > 0 ? "; where the norm is clamped to ε, <c>dV = (G[k] / ε) · dw</c>" : "") + ".</summary>");
            w.Line("/// <param name=\"weightGrad\">Gradient of the loss with respect to the weight, densely packed in shape " + c.ShapeText + ".</param>");
            using (w.Block("public void Backward(" + Names.ReadOnlySpan + "<" + n.T + "> weightGrad)"))
            {
                CheckLength(w, c, "weightGrad");
                w.Line("ref " + n.T + " dw = ref " + Names.MemoryMarshal + ".GetReference(weightGrad);");
                w.Line("SumSquaresAndDot(ref dw);");
                foreach (var (local, array) in new[] { ("g", "G"), ("gGrad", "GGrad"), ("sumSquares", "_sumSquares"), ("dot", "_dot"), ("scale", "_scale"), ("coefficient", "_coefficient") })
                {
                    w.Line("ref " + n.T + " " + local + " = ref " + Names.MemoryMarshal + ".GetArrayDataReference(" + array + ");");
                }

                using (w.Block("for (int k = 0; k < " + Names.Int(c.Rows) + "; k++)"))
                {
                    w.Line(n.T + " norm = " + n.MathType + ".Sqrt(" + At("sumSquares", "k") + ");");
                    if (c.Epsilon > 0)
                    {
                        // Clamped rows: n is the constant ε, so v enters w only through the numerator.
                        w.Line("bool clamped = norm < " + n.Literal(c.Epsilon) + ";");
                        w.Line("if (clamped) norm = " + n.Literal(c.Epsilon) + ";");
                    }

                    w.Line(n.T + " gradG = " + At("dot", "k") + " / norm;");
                    w.Line(At("gGrad", "k") + " += gradG;");
                    w.Line(At("scale", "k") + " = " + At("g", "k") + " / norm;");
                    string coefficient = "-" + At("scale", "k") + " * gradG / norm";
                    w.Line(At("coefficient", "k") + " = " + (c.Epsilon > 0 ? "clamped ? " + n.Zero + " : " + coefficient : coefficient) + ";");
                }

                w.Line("AccumulateVGrad(ref dw);");
            }

            w.Line();
        }

        private static void CheckLength(IndentedWriter w, WeightNormConfiguration c, string name)
        {
            w.Line("if (" + name + ".Length != " + Names.Int(c.Count) + ") " + Names.ShapeGuard + ".ThrowLength(nameof(" + name + "), " + name + ".Length, " + Names.Int(c.Count) + ", \"" + c.ShapeText + "\");");
        }

        private static string NormText(WeightNormConfiguration c) =>
            c.Epsilon > 0 ? "max(‖V row k‖, " + Names.DoubleLiteral(c.Epsilon).TrimEnd('d') + ")" : "‖V row k‖";

        private static string Norm(WeightNormConfiguration c, Names n, string sumSquares) =>
            c.Epsilon > 0
                ? n.MathType + ".Max(" + n.MathType + ".Sqrt(" + sumSquares + "), " + n.Literal(c.Epsilon) + ")"
                : n.MathType + ".Sqrt(" + sumSquares + ")";

        internal static string At(string array, string index) => KernelSnippets.At(array, index);
    }
}
