using Microsoft.CodeAnalysis.Text;
using NormGen.Configuration;
using NormGen.Generator.Emitting;
using static NormGen.Generator.Emitting.MemberNames;

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
            using (model.Declaration.Open(w, n, Summary(c, n), $"global::NormGen.IWeightNormalization<{n.T}>"))
            {
                WeightNormStateEmitter.Emit(w, c, n);
                EmitInitializeFrom(w, c, n);
                EmitComputeWeight(w, c, n);
                EmitBackward(w, c, n);
                WeightNormKernelEmitter.Emit(w, c, n);
            }

            return w.ToSourceText();
        }

        private static string Summary(WeightNormConfiguration c, Names n)
        {
            string norms = c.IsWholeWeight
                ? "one g and one norm for the whole weight"
                : $"one g per index of dimension {Names.Int(c.Dim)}, the norm over the other dimensions";
            string bound = c.Epsilon > 0 ? $" (at least {EpsilonText(c)})" : "";
            return $"Weight normalisation of a {n.T} weight of shape {c.ShapeText}: w = g * v / ||v||, {norms}{bound}.";
        }

        private static void EmitInitializeFrom(IndentedWriter w, WeightNormConfiguration c, Names n)
        {
            w.Template($$"""
                /// <summary>Takes an existing weight as the starting point, as PyTorch's <c>weight_norm</c> does when it is
                /// registered: <c>V = weight</c> and <c>G[k] = ‖weight row k‖</c>, so <see cref="{{ComputeWeight}}"/> gives the weight back.</summary>
                /// <param name="weight">The weight, densely packed in shape {{c.ShapeText}}.</param>
                public void {{InitializeFrom}}({{Names.ReadOnlySpan}}<{{n.T}}> weight)
                {
                    {{LengthCheck(c, "weight")}}
                    weight.CopyTo({{V}});
                    {{SumSquares}}({{SumSquaresField}});
                    {{ArrayRef(n, "g", G)}}
                    {{ArrayRef(n, "sumSquares", SumSquaresField)}}
                    for (int k = 0; k < {{c.Rows}}; k++)
                    {
                        {{At("g", "k")}} = {{n.MathType}}.Sqrt({{At("sumSquares", "k")}});
                    }
                }

                """);
        }

        private static void EmitComputeWeight(IndentedWriter w, WeightNormConfiguration c, Names n)
        {
            // Row sums and scales go to the calling thread's arrays, so that threads may share the parametrisation.
            string buffers = $"global::NormGen.Runtime.StatisticBuffers<{n.T}>";
            w.Template($$"""
                /// <summary>Writes the weight: <c>w = G[k] * V / {{NormText(c)}}</c> for every element of row k.</summary>
                /// <param name="weight">Receives the weight, densely packed in shape {{c.ShapeText}}.</param>
                public void {{ComputeWeight}}({{Names.Span}}<{{n.T}}> weight)
                {
                    {{LengthCheck(c, "weight")}}
                    {{buffers}} buffers = {{buffers}}.OfThread({{c.Rows}});
                    {{SumSquares}}(buffers.Sum);
                    {{ArrayRef(n, "g", G)}}
                    {{ArrayRef(n, "sumSquares", "buffers.Sum")}}
                    {{ArrayRef(n, "scale", "buffers.InvStd")}}
                    for (int k = 0; k < {{c.Rows}}; k++)
                    {
                        {{n.T}} norm = {{Norm(c, n, At("sumSquares", "k"))}};
                        {{At("scale", "k")}} = {{At("g", "k")}} / norm;
                    }
                    {{Scale}}(ref {{Names.MemoryMarshal}}.GetReference(weight), buffers.InvStd);
                }

                """);
        }

        private static void EmitBackward(IndentedWriter w, WeightNormConfiguration c, Names n)
        {
            string clampedGradient = c.Epsilon > 0 ? "; where the norm is clamped to ε, <c>dV = (G[k] / ε) · dw</c>" : "";
            // Clamped rows: n is the constant ε, so v enters w only through the numerator.
            string clamp = c.Epsilon > 0
                ? $"bool clamped = norm < {n.Literal(c.Epsilon)};\nif (clamped) norm = {n.Literal(c.Epsilon)};"
                : "";
            string coefficient = $"-{At("scale", "k")} * gradG / norm";
            if (c.Epsilon > 0)
            {
                coefficient = $"clamped ? {n.Zero} : {coefficient}";
            }

            w.Template($$"""
                /// <summary>Adds to <see cref="{{GGrad}}"/> and <see cref="{{VGrad}}"/> the gradients of the loss given its gradient with
                /// respect to the weight, at the current <see cref="{{V}}"/> and <see cref="{{G}}"/>:
                /// <c>dG[k] = Σ dw·v / n</c> and <c>dV = (G[k] / n) · (dw − (dG[k] / n) · v)</c> with <c>n = {{NormText(c)}}</c>{{clampedGradient}}.</summary>
                /// <param name="weightGrad">Gradient of the loss with respect to the weight, densely packed in shape {{c.ShapeText}}.</param>
                public void {{Backward}}({{Names.ReadOnlySpan}}<{{n.T}}> weightGrad)
                {
                    {{LengthCheck(c, "weightGrad")}}
                    ref {{n.T}} dw = ref {{Names.MemoryMarshal}}.GetReference(weightGrad);
                    {{SumSquaresAndDot}}(ref dw);
                    {{ArrayRef(n, "g", G)}}
                    {{ArrayRef(n, "gGrad", GGrad)}}
                    {{ArrayRef(n, "sumSquares", SumSquaresField)}}
                    {{ArrayRef(n, "dot", DotField)}}
                    {{ArrayRef(n, "scale", ScaleField)}}
                    {{ArrayRef(n, "coefficient", CoefficientField)}}
                    for (int k = 0; k < {{c.Rows}}; k++)
                    {
                        {{n.T}} norm = {{n.MathType}}.Sqrt({{At("sumSquares", "k")}});
                        {{clamp}}
                        {{n.T}} gradG = {{At("dot", "k")}} / norm;
                        {{At("gGrad", "k")}} += gradG;
                        {{At("scale", "k")}} = {{At("g", "k")}} / norm;
                        {{At("coefficient", "k")}} = {{coefficient}};
                    }
                    {{AccumulateVGrad}}(ref dw);
                }

                """);
        }

        private static string LengthCheck(WeightNormConfiguration c, string name) =>
            $"if ({name}.Length != {Names.Int(c.Count)}) {Names.ShapeGuard}.ThrowLength(nameof({name}), {name}.Length, {Names.Int(c.Count)}, \"{c.ShapeText}\");";

        /// <summary><c>ref T local = ref MemoryMarshal.GetArrayDataReference(array);</c></summary>
        internal static string ArrayRef(Names n, string local, string array) =>
            $"ref {n.T} {local} = ref {Names.MemoryMarshal}.GetArrayDataReference({array});";

        private static string EpsilonText(WeightNormConfiguration c) => Names.DoubleLiteral(c.Epsilon).TrimEnd('d');

        private static string NormText(WeightNormConfiguration c) => c.Epsilon > 0 ? $"max(‖V row k‖, {EpsilonText(c)})" : "‖V row k‖";

        private static string Norm(WeightNormConfiguration c, Names n, string sumSquares) =>
            c.Epsilon > 0
                ? $"{n.MathType}.Max({n.MathType}.Sqrt({sumSquares}), {n.Literal(c.Epsilon)})"
                : $"{n.MathType}.Sqrt({sumSquares})";

        private static string At(string array, string index) => KernelSnippets.At(array, index);
    }
}
