using NormGen.Configuration;
using NormGen.Generator.Emitting;
using NormGen.Generator.Planning;
using static NormGen.Generator.Emitting.MemberNames;

namespace NormGen.Generator.WeightNormalization
{
    /// <summary>Writes the kernels over the whole weight, each a loop nest whose innermost loop is <c>Vector&lt;T&gt;</c>
    /// with a scalar tail: the row sums of v² (and of dw·v), the scaling w = v · scale[row], and the accumulation of dV.</summary>
    internal static class WeightNormKernelEmitter
    {
        public static void Emit(IndentedWriter w, WeightNormConfiguration c, Names n)
        {
            var nest = WeightNormLoopPlanner.Plan(c);
            string T = n.T;

            string rows = Names.Int(c.Rows);
            w.Line($"// sumSquares[row] = Σ v², into the first {rows} elements of rowSums.");
            using (w.Block($"private void {SumSquares}({T}[] rowSums)"))
            {
                DeclareArrays(w, n, ("v", V), ("sumSquares", "rowSums"));
                w.Line($"global::System.Array.Clear(rowSums, 0, {rows});");
                LoopNestEmitter.Emit(w, nest, run =>
                {
                    var loop = new VectorLoop(n);
                    var v = loop.Read("vv", "v", run.Input, true);
                    loop.Accumulate("sumSquares", run.Statistic, run.StatisticVaries, v * v);
                    loop.Emit(w, run.Length);
                });
            }

            w.Line();
            w.Line("// sumSquares[row] = Σ v², dot[row] = Σ dw·v.");
            using (w.Block($"private void {SumSquaresAndDot}(ref {T} dw)"))
            {
                DeclareArrays(w, n, ("v", V), ("sumSquares", SumSquaresField), ("dot", DotField));
                w.Template($$"""
                    global::System.Array.Clear({{SumSquaresField}}, 0, {{SumSquaresField}}.Length);
                    global::System.Array.Clear({{DotField}}, 0, {{DotField}}.Length);
                    """);
                LoopNestEmitter.Emit(w, nest, run =>
                {
                    var loop = new VectorLoop(n);
                    var v = loop.Read("vv", "v", run.Input, true);
                    var dw = loop.Read("dwv", "dw", run.Input, true);
                    loop.Accumulate("sumSquares", run.Statistic, run.StatisticVaries, v * v);
                    loop.Accumulate("dot", run.Statistic, run.StatisticVaries, dw * v);
                    loop.Emit(w, run.Length);
                });
            }

            w.Line();
            w.Line("// w = v * scale[row].");
            using (w.Block($"private void {Scale}(ref {T} weight, {T}[] rowScales)"))
            {
                DeclareArrays(w, n, ("v", V), ("scale", "rowScales"));
                LoopNestEmitter.Emit(w, nest, run =>
                {
                    var loop = new VectorLoop(n);
                    var v = loop.Read("vv", "v", run.Input, true);
                    loop.Store("weight", run.Input, v * loop.Read("s", "scale", run.Statistic, run.StatisticVaries));
                    loop.Emit(w, run.Length);
                });
            }

            w.Line();
            w.Line("// vGrad += dw * scale[row] + v * coefficient[row].");
            using (w.Block($"private void {AccumulateVGrad}(ref {T} dw)"))
            {
                DeclareArrays(w, n, ("v", V), ("vGrad", VGrad), ("scale", ScaleField), ("coefficient", CoefficientField));
                LoopNestEmitter.Emit(w, nest, run =>
                {
                    var loop = new VectorLoop(n);
                    var v = loop.Read("vv", "v", run.Input, true);
                    var dw = loop.Read("dwv", "dw", run.Input, true);
                    var scale = loop.Read("s", "scale", run.Statistic, run.StatisticVaries);
                    var coefficient = loop.Read("k", "coefficient", run.Statistic, run.StatisticVaries);
                    loop.Accumulate("vGrad", run.Input, true, dw * scale + v * coefficient);
                    loop.Emit(w, run.Length);
                });
            }

            w.Line();
        }

        private static void DeclareArrays(IndentedWriter w, Names n, params (string Local, string Array)[] arrays)
        {
            foreach (var (local, array) in arrays)
            {
                w.Line(WeightNormEmitter.ArrayRef(n, local, array));
            }
        }
    }
}
