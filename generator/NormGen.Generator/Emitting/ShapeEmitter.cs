using System.Collections.Generic;
using System.Linq;
using NormGen.Configuration;

namespace NormGen.Generator.Emitting
{
    /// <summary>Writes the shape checks of layers and scalers: element count with positive extents, span lengths, the
    /// readable shape for messages, and the full-shape overloads that check rank, fixed and constructed extents.</summary>
    internal static class ShapeEmitter
    {
        public static void Emit(IndentedWriter w, LayerContext c)
        {
            EmitShapeHelpers(w, c.Configuration.Layout);
            EmitFullShapeOverloads(w, c);
        }

        /// <summary>The private helpers every generated type with a layout has: <c>ShapeFormat</c> (the shape in messages),
        /// <c>ElementCount</c> (positive extents, no overflow; the runtime's inlined checks), <c>CheckLength</c> and
        /// <c>DescribeShape</c>.</summary>
        public static void EmitShapeHelpers(IndentedWriter w, IReadOnlyList<LayoutAxis> layout)
        {
            var perCall = layout.Where(a => !a.IsFixed).Select(a => a.Axis.ParameterName()).ToArray();
            string parameters = string.Join(", ", perCall.Select(p => "int " + p));
            string arguments = string.Concat(perCall.Select(p => ", " + p));
            int next = 0;
            var parts = layout.Select(a => a.Axis.Letter() + "=" + (a.IsFixed ? Names.Int(a.FixedExtent) : "{" + Names.Int(next++) + "}"));
            w.Line("private const string ShapeFormat = \"(" + string.Join(", ", parts) + ")\";");
            w.Line();

            // The fixed extents' product, saturated just above int.MaxValue (the runtime's count then fails).
            long fixedProduct = 1;
            foreach (var axis in layout.Where(a => a.IsFixed))
            {
                fixedProduct = System.Math.Min(fixedProduct * axis.FixedExtent, (long)int.MaxValue + 1);
            }

            string product = fixedProduct.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L";
            w.Line("private static int ElementCount(" + parameters + ") => " + Names.ShapeGuard + ".ElementCount(ShapeFormat, "
                + (perCall.Length == 0 ? "" : "\"" + string.Join(", ", perCall) + "\", ") + product + arguments + ");");
            w.Line();
            using (w.Block("private static void CheckLength(string name, int actual, int expected" + string.Concat(perCall.Select(p => ", int " + p)) + ")"))
            {
                w.Line("if (actual != expected) " + Names.ShapeGuard + ".ThrowLength(name, actual, expected, DescribeShape(" + string.Join(", ", perCall) + "));");
            }

            w.Line();
            w.Line("private static string DescribeShape(" + parameters + ") => " + Names.ShapeGuard + ".DescribeShape(ShapeFormat" + arguments + ");");
            w.Line();
        }

        private static void EmitFullShapeOverloads(IndentedWriter w, LayerContext c)
        {
            string T = c.T;
            var layout = c.Configuration.Layout;
            EmitFullShapeOverload(
                w,
                layout,
                c.Configuration.LayoutText,
                "Normalises <paramref name=\"input\"/>, whose extents <paramref name=\"shape\"/> gives in layout order.",
                "Forward(" + Names.ReadOnlySpan + "<" + c.Tensor + "> input, " + Names.Span + "<" + c.Tensor + "> output, ",
                "input, output");
            EmitFullShapeOverload(
                w,
                layout,
                c.Configuration.LayoutText,
                "Back-propagates through the last Forward; <paramref name=\"shape\"/> gives the extents in layout order.",
                "Backward(" + Names.ReadOnlySpan + "<" + c.Tensor + "> input, " + Names.ReadOnlySpan + "<" + c.Tensor + "> outputGrad, " + Names.Span + "<" + c.Tensor + "> inputGrad, ",
                "input, outputGrad, inputGrad");
            if (c.ResidualBeforeActivation)
            {
                EmitFullShapeOverload(w, layout, c.Configuration.LayoutText, "Normalises <paramref name=\"input\"/> plus the residual; <paramref name=\"shape\"/> gives the extents in layout order.",
                    "Forward(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.ReadOnlySpan + "<" + T + "> residual, " + Names.Span + "<" + T + "> output, ", "input, residual, output");
                EmitFullShapeOverload(w, layout, c.Configuration.LayoutText, "Back-propagates through the last Forward to the input and the residual; <paramref name=\"shape\"/> gives the extents in layout order.",
                    "Backward(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.ReadOnlySpan + "<" + T + "> residual, " + Names.ReadOnlySpan + "<" + T + "> outputGrad, " + Names.Span + "<" + T + "> inputGrad, " + Names.Span + "<" + T + "> residualGrad, ",
                    "input, residual, outputGrad, inputGrad, residualGrad");
            }

            if (c.ResidualBeforeNorm)
            {
                EmitFullShapeOverload(w, layout, c.Configuration.LayoutText, "s = x + r into <paramref name=\"sum\"/>, then normalises s; <paramref name=\"shape\"/> gives the extents in layout order.",
                    "Forward(" + Names.ReadOnlySpan + "<" + T + "> input, " + Names.ReadOnlySpan + "<" + T + "> residual, " + Names.Span + "<" + T + "> sum, " + Names.Span + "<" + T + "> output, ", "input, residual, sum, output");
                EmitFullShapeOverload(w, layout, c.Configuration.LayoutText, "Back-propagates through the last Forward, adding the skip path's gradient; <paramref name=\"shape\"/> gives the extents in layout order.",
                    "Backward(" + Names.ReadOnlySpan + "<" + T + "> sum, " + Names.ReadOnlySpan + "<" + T + "> outputGrad, " + Names.ReadOnlySpan + "<" + T + "> sumGrad, " + Names.Span + "<" + T + "> inputGrad, ",
                    "sum, outputGrad, sumGrad, inputGrad");
            }
        }

        /// <summary>A public method taking the whole shape (<c>ReadOnlySpan&lt;int&gt; shape</c>, in layout order): it checks
        /// the rank, the extents fixed in the attribute and those given to the constructor, then calls the overload with
        /// the per-call extents. <paramref name="head"/> is the signature up to the shape ("Forward(..., "),
        /// <paramref name="passed"/> the arguments before the extents; no <paramref name="summary"/> inherits the
        /// interface member's documentation.</summary>
        public static void EmitFullShapeOverload(IndentedWriter w, IReadOnlyList<LayoutAxis> layout, string layoutText, string? summary, string head, string passed)
        {
            w.Line(summary is null ? "/// <inheritdoc/>" : "/// <summary>" + summary + "</summary>");
            using (w.Block("public void " + head + Names.ReadOnlySpan + "<int> shape)"))
            {
                w.Line("if (shape.Length != " + Names.Int(layout.Count) + ") " + Names.ShapeGuard + ".ThrowRank(\"" + layoutText + "\", shape.Length);");
                for (int i = 0; i < layout.Count; i++)
                {
                    string index = "shape[" + Names.Int(i) + "]";
                    string axis = "\"" + layoutText + "\", '" + layout[i].Axis.Letter() + "', ";
                    if (layout[i].IsFixed)
                    {
                        w.Line("if (" + index + " != " + Names.Int(layout[i].FixedExtent) + ") " + Names.ShapeGuard + ".ThrowFixedExtent(" + axis + Names.Int(layout[i].FixedExtent) + ", " + index + ");");
                    }
                    else if (layout[i].AtConstruction)
                    {
                        string field = DimensionNames.Field(layout[i].Axis.ParameterName());
                        w.Line("if (" + index + " != " + field + ") " + Names.ShapeGuard + ".ThrowConstructedExtent(" + axis + field + ", " + index + ");");
                    }
                }

                string perCall = string.Concat(Enumerable.Range(0, layout.Count).Where(i => layout[i].IsPerCall).Select(i => ", shape[" + Names.Int(i) + "]"));
                w.Line(head.Substring(0, head.IndexOf('(')) + "(" + passed + perCall + ");");
            }

            w.Line();
        }
    }
}
