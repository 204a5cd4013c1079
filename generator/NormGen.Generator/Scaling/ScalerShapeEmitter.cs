using System.Linq;
using NormGen.Generator.Emitting;

namespace NormGen.Generator.Scaling
{
    /// <summary>Writes a scaler's shape checks (element count with positive extents, span lengths, the readable shape
    /// for messages) and the full-shape overloads of <c>IInputScaler&lt;T&gt;</c>, which check rank and fixed extents.</summary>
    internal static class ScalerShapeEmitter
    {
        public static void Emit(IndentedWriter w, ScalerContext c)
        {
            EmitElementCount(w, c);
            using (w.Block("private static void CheckLength(string name, int actual, int expected" + c.DimensionParameters + ")"))
            {
                w.Line("if (actual != expected) " + Names.ShapeGuard + ".ThrowLength(name, actual, expected, DescribeShape(" + c.DimensionList + "));");
            }

            w.Line();
            EmitDescribeShape(w, c);
            EmitFullShapeOverloads(w, c);
        }

        private static void EmitElementCount(IndentedWriter w, ScalerContext c)
        {
            using (w.Block("private static int ElementCount(" + string.Join(", ", c.PerCall.Select(p => "int " + p)) + ")"))
            {
                foreach (var dimension in c.PerCall)
                {
                    w.Line("if (" + dimension + " <= 0) " + Names.ShapeGuard + ".ThrowNonPositive(nameof(" + dimension + "), " + dimension + ");");
                }

                // The fixed extents' product saturates just above int.MaxValue; each per-call factor is below 2^31, so the
                // running product never overflows a long.
                long fixedProduct = 1;
                foreach (var axis in c.Configuration.Layout.Where(a => a.IsFixed))
                {
                    fixedProduct = System.Math.Min(fixedProduct * axis.FixedExtent, (long)int.MaxValue + 1);
                }

                w.Line("long count = " + fixedProduct.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L;");
                if (fixedProduct > int.MaxValue)
                {
                    w.Line(Names.ShapeGuard + ".ThrowTooLarge(DescribeShape(" + c.DimensionList + "), count);");
                }

                foreach (var dimension in c.PerCall)
                {
                    w.Line("count *= " + dimension + ";");
                    w.Line("if (count > int.MaxValue) " + Names.ShapeGuard + ".ThrowTooLarge(DescribeShape(" + c.DimensionList + "), count);");
                }

                w.Line("return (int)count;");
            }

            w.Line();
        }

        private static void EmitDescribeShape(IndentedWriter w, ScalerContext c)
        {
            int next = 0;
            var parts = c.Configuration.Layout.Select(a => a.Axis + "=" + (a.IsFixed ? Names.Int(a.FixedExtent) : "{" + Names.Int(next++) + "}"));
            string format = "(" + string.Join(", ", parts) + ")";
            using (w.Block("private static string DescribeShape(" + string.Join(", ", c.PerCall.Select(p => "int " + p)) + ")"))
            {
                w.Line(c.PerCall.Length == 0
                    ? "return \"" + format + "\";"
                    : "return string.Format(" + Names.Culture + ", \"" + format + "\"" + c.DimensionArguments + ");");
            }

            w.Line();
        }

        private static void EmitFullShapeOverloads(IndentedWriter w, ScalerContext c)
        {
            var layout = c.Configuration.Layout;
            string arguments = string.Concat(Enumerable.Range(0, layout.Count).Where(i => !layout[i].IsFixed).Select(i => ", shape[" + Names.Int(i) + "]"));
            var overloads = new[]
            {
                ("Fit", c.ReadOnlySpan + " input, ", "input"),
                ("Transform", c.ReadOnlySpan + " input, " + c.Span + " output, ", "input, output"),
                ("InverseTransform", c.ReadOnlySpan + " input, " + c.Span + " output, ", "input, output"),
            };
            foreach (var (name, parameters, passed) in overloads)
            {
                w.Line("/// <summary>" + name + " with every extent of the input given in layout order by <paramref name=\"shape\"/>.</summary>");
                using (w.Block("public void " + name + "(" + parameters + Names.ReadOnlySpan + "<int> shape)"))
                {
                    w.Line("if (shape.Length != " + Names.Int(layout.Count) + ") " + Names.ShapeGuard + ".ThrowRank(\"" + c.Configuration.LayoutText + "\", shape.Length);");
                    for (int i = 0; i < layout.Count; i++)
                    {
                        if (layout[i].IsFixed)
                        {
                            string index = "shape[" + Names.Int(i) + "]";
                            w.Line("if (" + index + " != " + Names.Int(layout[i].FixedExtent) + ") " + Names.ShapeGuard + ".ThrowFixedExtent(\"" + c.Configuration.LayoutText + "\", '" + layout[i].Axis + "', " + Names.Int(layout[i].FixedExtent) + ", " + index + ");");
                        }
                    }

                    w.Line(name + "(" + passed + arguments + ");");
                }

                w.Line();
            }
        }
    }
}
