using System.Linq;
using NormGen.Configuration;
using NormGen.Generator.Emitting;

namespace NormGen.Generator.Scaling
{
    /// <summary>Writes a scaler's shape checks (element count with positive extents, span lengths, the readable shape
    /// for messages) and the full-shape overloads of <c>IInputScaler&lt;T&gt;</c>, which check rank and fixed extents.</summary>
    internal static class ScalerShapeEmitter
    {
        public static void Emit(IndentedWriter w, ScalerContext c)
        {
            ShapeEmitter.EmitShapeHelpers(w, c.Configuration.Layout);
            EmitFullShapeOverloads(w, c);
        }

        private static void EmitFullShapeOverloads(IndentedWriter w, ScalerContext c)
        {
            var layout = c.Configuration.Layout;
            string arguments = string.Concat(Enumerable.Range(0, layout.Count).Where(i => layout[i].IsPerCall).Select(i => ", shape[" + Names.Int(i) + "]"));
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
                        string index = "shape[" + Names.Int(i) + "]";
                        string axis = "\"" + c.Configuration.LayoutText + "\", '" + layout[i].Axis + "', ";
                        if (layout[i].IsFixed)
                        {
                            w.Line("if (" + index + " != " + Names.Int(layout[i].FixedExtent) + ") " + Names.ShapeGuard + ".ThrowFixedExtent(" + axis + Names.Int(layout[i].FixedExtent) + ", " + index + ");");
                        }
                        else if (layout[i].AtConstruction)
                        {
                            string field = LayerContext.Field(layout[i].Axis.ParameterName());
                            w.Line("if (" + index + " != " + field + ") " + Names.ShapeGuard + ".ThrowConstructedExtent(" + axis + field + ", " + index + ");");
                        }
                    }

                    w.Line(name + "(" + passed + arguments + ");");
                }

                w.Line();
            }
        }
    }
}
