using System.Collections.Generic;
using System.Linq;
using NormGen.Configuration;
using NormGen.Generator.Planning;
using static NormGen.Generator.Emitting.MemberNames;

namespace NormGen.Generator.Emitting
{
    /// <summary>Writes the shape checks of layers and scalers: element count with positive extents, span lengths, the
    /// readable shape for messages, and the full-shape overloads that check rank, fixed and constructed extents.</summary>
    internal static class ShapeEmitter
    {
        public static void Emit(IndentedWriter w, LayerContext c)
        {
            EmitShapeHelpers(w, c.Configuration.Layout);
            EmitCheckShape(w, c);
            EmitFullShapeOverloads(w, c);
        }

        /// <summary>The private helpers every generated type with a layout has: <c>ShapeFormat</c> (the shape in messages),
        /// <c>ElementCount</c> (positive extents, no overflow; the runtime's inlined checks), <c>CheckLength</c> and
        /// <c>DescribeShape</c>.</summary>
        public static void EmitShapeHelpers(IndentedWriter w, IReadOnlyList<LayoutAxis> layout)
        {
            var perCall = layout.Where(a => !a.IsFixed).Select(a => a.Axis.ParameterName()).ToArray();
            string parameters = string.Join(", ", perCall.Select(p => $"int {p}"));
            string arguments = string.Concat(perCall.Select(p => $", {p}"));
            int next = 0;
            var parts = layout.Select(a => $"{a.Axis.Letter()}={(a.IsFixed ? Names.Int(a.FixedExtent) : $"{{{Names.Int(next++)}}}")}");

            // The fixed extents' product, saturated just above int.MaxValue (the runtime's count then fails).
            long fixedProduct = 1;
            foreach (var axis in layout.Where(a => a.IsFixed))
            {
                fixedProduct = System.Math.Min(fixedProduct * axis.FixedExtent, (long)int.MaxValue + 1);
            }

            string names = perCall.Length == 0 ? "" : $"\"{string.Join(", ", perCall)}\", ";
            w.Template($$"""
                private const string ShapeFormat = "({{string.Join(", ", parts)}})";

                private static int {{ElementCount}}({{parameters}}) => {{Names.ShapeGuard}}.ElementCount(ShapeFormat, {{names}}{{fixedProduct}}L{{arguments}});

                private static void {{CheckLength}}(string name, int actual, int expected{{string.Concat(perCall.Select(p => $", int {p}"))}}) => {{Names.ShapeGuard}}.CheckLength(name, actual, expected, ShapeFormat{{arguments}});

                private static string {{DescribeShape}}({{parameters}}) => {{Names.ShapeGuard}}.DescribeShape(ShapeFormat{{arguments}});

                """);
        }

        /// <summary>"int count = ElementCount(...);" and a <c>CheckLength</c> of each span, a line each: the first checks of
        /// a public method (<paramref name="count"/>: the element count's method).</summary>
        public static string LengthChecks(LayerContext c, params string[] spans) => CountedLengthChecks(c, ElementCount, spans);

        public static string CountedLengthChecks(LayerContext c, string count, string[] spans) =>
            $"int count = {count}({c.DimensionList});\n{string.Concat(spans.Select(span => $"{CheckLength}(nameof({span}), {span}.Length, count{c.DimensionArguments});\n"))}";

        /// <summary>A check of each extent of a full shape fixed in the attribute or given to the constructor, a line each.</summary>
        private static string ExtentChecks(IReadOnlyList<LayoutAxis> layout, string layoutText) => string.Concat(
            Enumerable.Range(0, layout.Count).Where(i => !layout[i].IsPerCall).Select(i =>
            {
                string index = $"shape[{Names.Int(i)}]";
                string axis = $"\"{layoutText}\", '{layout[i].Axis.Letter()}'";
                string field = DimensionNames.Field(layout[i].Axis.ParameterName());
                return layout[i].IsFixed
                    ? $"if ({index} != {Names.Int(layout[i].FixedExtent)}) {Names.ShapeGuard}.ThrowFixedExtent({axis}, {Names.Int(layout[i].FixedExtent)}, {index});\n"
                    : $"if ({index} != {field}) {Names.ShapeGuard}.ThrowConstructedExtent({axis}, {field}, {index});\n";
            }));

        /// <summary><c>CheckShape</c>: the rank of a full shape, and its extents fixed in the attribute or given to the
        /// constructor; it returns the shape, so that an overload reads the per-call extents from its result.</summary>
        private static void EmitCheckShape(IndentedWriter w, LayerContext c)
        {
            var layout = c.Configuration.Layout;
            string layoutText = c.Configuration.LayoutText;
            string shape = $"{Names.ReadOnlySpan}<int>";
            w.Template($$"""
                // The shape a full-shape overload takes, checked: its rank, and the extents fixed or given to the constructor.
                private {{(c.HasConstructor ? "" : "static ")}}{{shape}} {{CheckShape}}({{shape}} shape)
                {
                    if (shape.Length != {{layout.Count}}) {{Names.ShapeGuard}}.ThrowRank("{{layoutText}}", shape.Length);
                    {{ExtentChecks(layout, layoutText)}}
                    return shape;
                }

                """);
        }

        private static void EmitFullShapeOverloads(IndentedWriter w, LayerContext c)
        {
            string input = $"{c.ReadOnlySpan} input";
            EmitShapeOverload(w, c, $"{Forward}({input}, {c.Span} output", "input, output");
            EmitShapeOverload(w, c, $"{Backward}({input}, {c.ReadOnlySpan} outputGrad, {c.Span} inputGrad", "input, outputGrad, inputGrad");
            if (c.Plan.Has(Overloads.Residual))
            {
                EmitShapeOverload(w, c, $"{Forward}({input}, {c.ReadOnlySpan} residual, {c.Span} output", "input, residual, output");
                EmitShapeOverload(
                    w, c, $"{Backward}({input}, {c.ReadOnlySpan} residual, {c.ReadOnlySpan} outputGrad, {c.Span} inputGrad, {c.Span} residualGrad",
                    "input, residual, outputGrad, inputGrad, residualGrad");
            }

            if (c.Plan.Has(Overloads.Skip))
            {
                EmitShapeOverload(w, c, $"{Forward}({input}, {c.ReadOnlySpan} residual, {c.Span} sum, {c.Span} output", "input, residual, sum, output");
                EmitShapeOverload(w, c, $"{Backward}({c.ReadOnlySpan} sum, {c.ReadOnlySpan} outputGrad, {c.ReadOnlySpan} sumGrad, {c.Span} inputGrad", "sum, outputGrad, sumGrad, inputGrad");
            }
        }

        /// <summary>A layer's public method taking the whole shape (<c>ReadOnlySpan&lt;int&gt; shape</c>, in layout order), an
        /// interface member documented there: <c>CheckShape</c>, then the overload with the per-call extents.
        /// <paramref name="head"/> is the signature up to the shape ("Forward(..."), <paramref name="passed"/> the arguments
        /// before the extents.</summary>
        public static void EmitShapeOverload(IndentedWriter w, LayerContext c, string head, string passed)
        {
            var layout = c.Configuration.Layout;
            var perCall = Enumerable.Range(0, layout.Count).Where(i => layout[i].IsPerCall).ToArray();
            string name = head.Substring(0, head.IndexOf('('));
            string signature = $"public void {head}, {Names.ReadOnlySpan}<int> shape)";
            if (perCall.Length == 0)
            {
                w.Template($$"""
                    /// <inheritdoc/>
                    {{signature}}
                    {
                        {{CheckShape}}(shape);
                        {{name}}({{passed}});
                    }

                    """);
                return;
            }

            // The first extent read checks the shape: arguments are evaluated left to right.
            string extents = string.Concat(perCall.Select((index, k) => k == 0 ? $", {CheckShape}(shape)[{Names.Int(index)}]" : $", shape[{Names.Int(index)}]"));
            w.Template($$"""
                /// <inheritdoc/>
                {{signature}} => {{name}}({{passed}}{{extents}});

                """);
        }

        /// <summary>A scaler's public method taking the whole shape (<c>ReadOnlySpan&lt;int&gt; shape</c>, in layout order): it
        /// checks the rank, the extents fixed in the attribute and those given to the constructor, then calls the overload
        /// with the per-call extents. <paramref name="head"/> is the signature up to the shape ("Forward(..., "),
        /// <paramref name="passed"/> the arguments before the extents.</summary>
        public static void EmitFullShapeOverload(IndentedWriter w, IReadOnlyList<LayoutAxis> layout, string layoutText, string summary, string head, string passed)
        {
            string perCall = string.Concat(Enumerable.Range(0, layout.Count).Where(i => layout[i].IsPerCall).Select(i => $", shape[{Names.Int(i)}]"));
            w.Template($$"""
                /// <summary>{{summary}}</summary>
                public void {{head}}{{Names.ReadOnlySpan}}<int> shape)
                {
                    if (shape.Length != {{layout.Count}}) {{Names.ShapeGuard}}.ThrowRank("{{layoutText}}", shape.Length);
                    {{ExtentChecks(layout, layoutText)}}
                    {{head.Substring(0, head.IndexOf('('))}}({{passed}}{{perCall}});
                }

                """);
        }
    }
}
