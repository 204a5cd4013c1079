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
                LoopNestEmitter.Emit(w, nest, run => new VectorLoop(n)
                    .Read("vv", "v", run.Input, true)
                    .Accumulate("sumSquares", run.Statistic, run.StatisticVaries, r => r("vv") + " * " + r("vv"))
                    .Emit(w, run.Length));
            }

            w.Line();
            w.Line("// sumSquares[row] = Σ v², dot[row] = Σ dw·v.");
            using (w.Block("private void SumSquaresAndDot(ref " + T + " dw)"))
            {
                DeclareArrays(w, n, ("v", "V"), ("sumSquares", "_sumSquares"), ("dot", "_dot"));
                w.Line("global::System.Array.Clear(_sumSquares, 0, _sumSquares.Length);");
                w.Line("global::System.Array.Clear(_dot, 0, _dot.Length);");
                LoopNestEmitter.Emit(w, nest, run => new VectorLoop(n)
                    .Read("vv", "v", run.Input, true)
                    .Read("dwv", "dw", run.Input, true)
                    .Accumulate("sumSquares", run.Statistic, run.StatisticVaries, r => r("vv") + " * " + r("vv"))
                    .Accumulate("dot", run.Statistic, run.StatisticVaries, r => r("dwv") + " * " + r("vv"))
                    .Emit(w, run.Length));
            }

            w.Line();
            w.Line("// w = v * scale[row].");
            using (w.Block("private void Scale(ref " + T + " weight, " + T + "[] rowScales)"))
            {
                DeclareArrays(w, n, ("v", "V"), ("scale", "rowScales"));
                LoopNestEmitter.Emit(w, nest, run => new VectorLoop(n)
                    .Read("vv", "v", run.Input, true)
                    .Read("s", "scale", run.Statistic, run.StatisticVaries)
                    .Store("weight", run.Input, r => r("vv") + " * " + r("s"))
                    .Emit(w, run.Length));
            }

            w.Line();
            w.Line("// vGrad += dw * scale[row] + v * coefficient[row].");
            using (w.Block("private void AccumulateVGrad(ref " + T + " dw)"))
            {
                DeclareArrays(w, n, ("v", "V"), ("vGrad", "VGrad"), ("scale", "_scale"), ("coefficient", "_coefficient"));
                LoopNestEmitter.Emit(w, nest, run => new VectorLoop(n)
                    .Read("vv", "v", run.Input, true)
                    .Read("dwv", "dw", run.Input, true)
                    .Read("s", "scale", run.Statistic, run.StatisticVaries)
                    .Read("k", "coefficient", run.Statistic, run.StatisticVaries)
                    .Accumulate("vGrad", run.Input, true, r => r("dwv") + " * " + r("s") + " + " + r("vv") + " * " + r("k"))
                    .Emit(w, run.Length));
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
