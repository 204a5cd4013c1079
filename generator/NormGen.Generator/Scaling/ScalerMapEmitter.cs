using System;
using NormGen.Generator.Emitting;

namespace NormGen.Generator.Scaling
{
    /// <summary>
    /// Writes the element-wise kernels: the transform both ways, <c>y = (x - offset) * scale (+ a)</c> and its inverse,
    /// and the running minimum and maximum of a batch. Each innermost loop is a <c>Vector&lt;T&gt;</c> loop with a scalar
    /// tail; per-statistic values that do not vary along it are read once and broadcast.
    /// </summary>
    internal static class ScalerMapEmitter
    {
        public static void Emit(IndentedWriter w, ScalerContext c)
        {
            EmitMap(w, c, inverse: false);
            EmitMap(w, c, inverse: true);
        }

        private static void EmitMap(IndentedWriter w, ScalerContext c, bool inverse)
        {
            var configuration = c.Configuration;
            bool clip = configuration.Clip && !inverse;
            string lower = c.Names.Literal(configuration.FeatureRangeMin);

            // The formula over operand names; "a" is the lower end of the feature range.
            Func<string, string, string, string, string> formula = (c.IsMinMax, inverse) switch
            {
                (true, false) => (x, o, k, a) => "(" + x + " - " + o + ") * " + k + " + " + a,
                (true, true) => (x, o, k, a) => "(" + x + " - " + a + ") * " + k + " + " + o,
                (false, false) => (x, o, k, _) => "(" + x + " - " + o + ") * " + k,
                _ => (x, o, k, _) => x + " * " + k + " + " + o,
            };

            w.Line("// y = " + formula("x", "offset", "scale", "a") + (clip ? ", clipped to [a, b]" : "") + ".");
            using (w.Block("private void " + (inverse ? "UnscaleData" : "ScaleData") + "(ref " + c.T + " x, ref " + c.T + " y, " + c.T + "[] offsets, " + c.T + "[] scales" + c.DimensionParameters + ")"))
            {
                w.Line(c.ArrayRef("offset", "offsets"));
                w.Line(c.ArrayRef("scale", "scales"));
                LoopNestEmitter.Emit(w, c.Nest, run =>
                {
                    var n = c.Names;
                    using (w.Braces())
                    {
                        if (c.IsMinMax)
                        {
                            w.Line(n.T + " a = " + lower + ";");
                            w.Line("var aV = new " + n.VectorT + "(a);");
                        }

                        if (clip)
                        {
                            w.Line(n.T + " b = " + n.Literal(configuration.FeatureRangeMax) + ";");
                            w.Line("var bV = new " + n.VectorT + "(b);");
                        }

                        if (!run.StatisticVaries)
                        {
                            w.Line(n.T + " o = " + KernelSnippets.At("offset", run.Statistic) + ";");
                            w.Line(n.T + " k = " + KernelSnippets.At("scale", run.Statistic) + ";");
                            w.Line("var oV = new " + n.VectorT + "(o);");
                            w.Line("var kV = new " + n.VectorT + "(k);");
                        }

                        w.Line("int i = 0;");
                        using (w.Block("for (; i <= " + run.Length + " - " + n.VectorT + ".Count; i += " + n.VectorT + ".Count)"))
                        {
                            if (run.StatisticVaries)
                            {
                                w.Line("var oV = " + Load("offset", run.Statistic) + ";");
                                w.Line("var kV = " + Load("scale", run.Statistic) + ";");
                            }

                            w.Line("var r = " + formula(Load("x", run.Input), "oV", "kV", "aV") + ";");
                            if (clip)
                            {
                                w.Line("r = " + Names.Vector + ".Min(" + Names.Vector + ".Max(r, aV), bV);");
                            }

                            w.Line(Names.Vector + ".StoreUnsafe(r, ref y, (nuint)(" + Index(run.Input) + "));");
                        }

                        using (w.Block("for (; i < " + run.Length + "; i++)"))
                        {
                            if (run.StatisticVaries)
                            {
                                w.Line(n.T + " o = " + KernelSnippets.At("offset", run.Statistic + " + i") + ";");
                                w.Line(n.T + " k = " + KernelSnippets.At("scale", run.Statistic + " + i") + ";");
                            }

                            w.Line(n.T + " r = " + formula(KernelSnippets.At("x", run.Input + " + i"), "o", "k", "a") + ";");
                            if (clip)
                            {
                                w.Line("r = " + n.MathType + ".Min(" + n.MathType + ".Max(r, a), b);");
                            }

                            w.Line(KernelSnippets.At("y", run.Input + " + i") + " = r;");
                        }
                    }
                });
            }

            w.Line();
        }

        /// <summary>The innermost loop of <c>ComputeBatchExtrema</c>: lane-wise minimum and maximum in registers when the
        /// statistic is shared along the run (reduced across lanes afterwards), or in the statistic arrays when it varies.</summary>
        public static void EmitExtremaRun(IndentedWriter w, ScalerContext c, RunBases run)
        {
            var n = c.Names;
            string vector = n.VectorT;
            using (w.Braces())
            {
                if (!run.StatisticVaries)
                {
                    w.Line(n.T + " lo = " + KernelSnippets.At("batchMin", run.Statistic) + ";");
                    w.Line(n.T + " hi = " + KernelSnippets.At("batchMax", run.Statistic) + ";");
                    w.Line("var loV = new " + vector + "(lo);");
                    w.Line("var hiV = new " + vector + "(hi);");
                }

                w.Line("int i = 0;");
                using (w.Block("for (; i <= " + run.Length + " - " + vector + ".Count; i += " + vector + ".Count)"))
                {
                    w.Line("var xv = " + Load("x", run.Input) + ";");
                    if (run.StatisticVaries)
                    {
                        w.Line(Names.Vector + ".StoreUnsafe(" + Names.Vector + ".Min(" + Load("batchMin", run.Statistic) + ", xv), ref batchMin, (nuint)(" + Index(run.Statistic) + "));");
                        w.Line(Names.Vector + ".StoreUnsafe(" + Names.Vector + ".Max(" + Load("batchMax", run.Statistic) + ", xv), ref batchMax, (nuint)(" + Index(run.Statistic) + "));");
                    }
                    else
                    {
                        w.Line("loV = " + Names.Vector + ".Min(loV, xv);");
                        w.Line("hiV = " + Names.Vector + ".Max(hiV, xv);");
                    }
                }

                if (!run.StatisticVaries)
                {
                    using (w.Block("for (int j = 0; j < " + vector + ".Count; j++)"))
                    {
                        w.Line("if (loV[j] < lo) lo = loV[j];");
                        w.Line("if (hiV[j] > hi) hi = hiV[j];");
                    }
                }

                using (w.Block("for (; i < " + run.Length + "; i++)"))
                {
                    w.Line(n.T + " xs = " + KernelSnippets.At("x", run.Input + " + i") + ";");
                    if (run.StatisticVaries)
                    {
                        w.Line("ref " + n.T + " l = ref " + KernelSnippets.At("batchMin", run.Statistic + " + i") + ";");
                        w.Line("ref " + n.T + " h = ref " + KernelSnippets.At("batchMax", run.Statistic + " + i") + ";");
                        w.Line("if (xs < l) l = xs;");
                        w.Line("if (xs > h) h = xs;");
                    }
                    else
                    {
                        w.Line("if (xs < lo) lo = xs;");
                        w.Line("if (xs > hi) hi = xs;");
                    }
                }

                if (!run.StatisticVaries)
                {
                    w.Line(KernelSnippets.At("batchMin", run.Statistic) + " = lo;");
                    w.Line(KernelSnippets.At("batchMax", run.Statistic) + " = hi;");
                }
            }
        }

        private static string Load(string array, string baseIndex) =>
            Names.Vector + ".LoadUnsafe(ref " + array + ", (nuint)(" + Index(baseIndex) + "))";

        private static string Index(string baseIndex) => baseIndex == "0" ? "i" : baseIndex + " + i";
    }
}
