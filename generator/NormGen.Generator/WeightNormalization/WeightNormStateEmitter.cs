using System.Linq;
using NormGen.Configuration;
using NormGen.Generator.Emitting;
using static NormGen.Generator.Emitting.MemberNames;

namespace NormGen.Generator.WeightNormalization
{
    /// <summary>Writes the shape, the parameters <c>V</c> and <c>G</c>, their gradients, the per-row scratch buffers and <c>ZeroGrad</c>.</summary>
    internal static class WeightNormStateEmitter
    {
        public static void Emit(IndentedWriter w, WeightNormConfiguration c, Names n)
        {
            string T = n.T;
            string count = Names.Int(c.Count);
            string rows = Names.Int(c.Rows);
            w.Template($$"""
                /// <summary>The weight's shape, outermost dimension first: {{c.ShapeText}}.</summary>
                public {{Names.ReadOnlySpan}}<int> {{Shape}} => {{ShapeField}};

                private static readonly int[] {{ShapeField}} = { {{string.Join(", ", c.Shape.Select(Names.Int))}} };

                /// <summary>The dimension that keeps one magnitude per index; the norm is taken over the others.</summary>
                public int {{Dim}} => {{c.Dim}};

                /// <summary>Lower bound of the norm (0: none, as PyTorch).</summary>
                public double {{Epsilon}} => {{Names.DoubleLiteral(c.Epsilon)}};

                """);
            Members.ArrayProperty(w, T, V, $"The direction v (PyTorch <c>original1</c>), {count} values in shape {c.ShapeText}; all zero until <see cref=\"{InitializeFrom}\"/> or a write.", $"new {T}[{count}]");
            string magnitudes = c.IsWholeWeight
                ? "The magnitude g (PyTorch <c>original0</c>): one for the whole weight."
                : $"The magnitudes g (PyTorch <c>original0</c>), one per index of dimension {Names.Int(c.Dim)}; PyTorch's g has extent 1 in every other dimension, so its data is exactly this array.";
            Members.ArrayProperty(w, T, G, $"{magnitudes} All zero until <see cref=\"{InitializeFrom}\"/> or a write.", $"new {T}[{rows}]");
            Members.ArrayProperty(w, T, VGrad, $"Gradient of the loss with respect to <see cref=\"{V}\"/>, accumulated by every {Backward}.", $"new {T}[{count}]");
            Members.ArrayProperty(w, T, GGrad, $"Gradient of the loss with respect to <see cref=\"{G}\"/>, accumulated by every {Backward}.", $"new {T}[{rows}]");

            w.Template($$"""
                // Per row, for {{InitializeFrom}} and {{Backward}}: the sum of v², the sum of dw·v, g / n, and the coefficient of v in dV. {{ComputeWeight}}
                // keeps nothing (its row sums and scales are the call's own).
                private readonly {{T}}[] {{SumSquaresField}} = new {{T}}[{{rows}}];
                private readonly {{T}}[] {{DotField}} = new {{T}}[{{rows}}];
                private readonly {{T}}[] {{ScaleField}} = new {{T}}[{{rows}}];
                private readonly {{T}}[] {{CoefficientField}} = new {{T}}[{{rows}}];

                /// <summary>Sets <see cref="{{VGrad}}"/> and <see cref="{{GGrad}}"/> to zero.</summary>
                public void {{ZeroGrad}}()
                {
                    global::System.Array.Clear({{VGrad}}, 0, {{VGrad}}.Length);
                    global::System.Array.Clear({{GGrad}}, 0, {{GGrad}}.Length);
                }

                """);
        }
    }
}
