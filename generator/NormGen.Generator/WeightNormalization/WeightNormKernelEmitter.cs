using NormGen.Configuration;
using NormGen.Generator.Emitting;
using NormGen.Generator.Planning;

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

            w.Line("// sumSquares[row] = Σ v², into the first " + Names.Int(c.Rows) + " elements of rowSums.");
            using (w.Block("private void SumSquares(" + T + "[] rowSums)"))
            {
                DeclareArrays(w, n, ("v", "V"), ("sumSquares", "rowSums"));
                w.Line("global::System.Array.Clear(rowSums, 0, " + Names.Int(c.Rows) + ");");
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
            using (w.Block("private void SumSquaresAndDot(ref " + T + " dw)"))
            {
                DeclareArrays(w, n, ("v", "V"), ("sumSquares", "_sumSquares"), ("dot", "_dot"));
                w.Line("global::System.Array.Clear(_sumSquares, 0, _sumSquares.Length);");
                w.Line("global::System.Array.Clear(_dot, 0, _dot.Length);");
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
            using (w.Block("private void Scale(ref " + T + " weight, " + T + "[] rowScales)"))
            {
                DeclareArrays(w, n, ("v", "V"), ("scale", "rowScales"));
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
            using (w.Block("private void AccumulateVGrad(ref " + T + " dw)"))
            {
                DeclareArrays(w, n, ("v", "V"), ("vGrad", "VGrad"), ("scale", "_scale"), ("coefficient", "_coefficient"));
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
                w.Line("ref " + n.T + " " + local + " = ref " + Names.MemoryMarshal + ".GetArrayDataReference(" + array + ");");
            }
        }
    }
}
