using NormGen.Generator.Emitting;

namespace NormGen.Generator.Scaling
{
    /// <summary>
    /// Writes the fitting kernels and the preparation of a transform. A batch's moments take two passes over a
    /// well-conditioned sum, never E[x²] − E[x]²: the first sums x − pivot, the pivot being the statistic's first value
    /// (so a constant feature has a mean exactly equal to it and a variance of exactly 0), the second sums (x − mean)².
    /// The batch is then merged with what was fitted before by Chan, Golub and LeVeque's pairwise update, in double.
    /// </summary>
    internal static class ScalerStatisticsEmitter
    {
        public static void Emit(IndentedWriter w, ScalerContext c)
        {
            if (c.IsMinMax)
            {
                EmitExtrema(w, c);
                EmitMergeExtrema(w, c);
            }
            else
            {
                EmitMoments(w, c);
                EmitMergeMoments(w, c);
            }

            EmitPrepare(w, c, inverse: false);
            EmitPrepare(w, c, inverse: true);
        }

        private static void EmitMoments(IndentedWriter w, ScalerContext c)
        {
            var n = c.Names;
            w.Line("// mean = pivot + Σ(x - pivot) / count; squares = Σ(x - mean)².");
            using (w.Block("private void ComputeBatchMoments(ref " + c.T + " x" + c.DimensionParameters + ")"))
            {
                w.Line(c.ArrayRef("mean", "_batchMean"));
                w.Line(c.ArrayRef("sum", "_sum"));
                w.Line(c.ArrayRef("squares", "_batchSquares"));
                w.Line(c.T + " count = " + c.ValuesPerStatistic.ToLongCode() + ";");
                w.Line();
                w.Line("// Pivot: the first value of every statistic.");
                EmitFirstValues(w, c, "mean");
                w.Line();
                w.Line("global::System.Array.Clear(_sum, 0, _sum.Length);");
                LoopNestEmitter.Emit(w, c.Nest, run => VectorLoopBodies.ShiftedSum(n, run).Emit(w, run.Length));
                using (w.Block("for (int s = 0; s < " + c.StatisticCount.ToCode() + "; s++)"))
                {
                    w.Line(KernelSnippets.At("mean", "s") + " += " + KernelSnippets.At("sum", "s") + " / count;");
                }

                w.Line();
                w.Line("global::System.Array.Clear(_batchSquares, 0, _batchSquares.Length);");
                LoopNestEmitter.Emit(w, c.Nest, run => VectorLoopBodies.Squares(n, run, sum: "squares").Emit(w, run.Length));
            }

            w.Line();
        }

        private static void EmitMergeMoments(IndentedWriter w, ScalerContext c)
        {
            w.Line("// Chan et al.: with n = na + nb and delta = meanB - meanA, mean = meanA + delta * nb / n and");
            w.Line("// n * variance = na * varianceA + squaresB + delta² * na * nb / n.");
            using (w.Block("private void Merge(long added)"))
            {
                c.DeclareConstructed(w);
                w.Line(c.ArrayRef("mean", "Mean"));
                w.Line(c.ArrayRef("variance", "Variance"));
                w.Line(c.ArrayRef("batchMean", "_batchMean"));
                w.Line(c.ArrayRef("batchSquares", "_batchSquares"));
                w.Line("double previous = _count;");
                w.Line("double total = previous + added;");
                w.Line("double weight = added / total;");
                w.Line("double cross = previous * added / total;");
                using (w.Block("for (int s = 0; s < " + c.StatisticCount.ToCode() + "; s++)"))
                {
                    w.Line("double meanA = " + KernelSnippets.At("mean", "s") + ";");
                    w.Line("double delta = " + KernelSnippets.At("batchMean", "s") + " - meanA;");
                    w.Line(KernelSnippets.At("mean", "s") + " = (" + c.T + ")(meanA + delta * weight);");
                    w.Line(KernelSnippets.At("variance", "s") + " = (" + c.T + ")((previous * " + KernelSnippets.At("variance", "s") + " + " + KernelSnippets.At("batchSquares", "s") + " + delta * delta * cross) / total);");
                }

                w.Line("_count += added;");
            }

            w.Line();
        }

        private static void EmitExtrema(IndentedWriter w, ScalerContext c)
        {
            w.Line("// batchMin = min(x), batchMax = max(x), starting from the first value of every statistic.");
            using (w.Block("private void ComputeBatchExtrema(ref " + c.T + " x" + c.DimensionParameters + ")"))
            {
                w.Line(c.ArrayRef("batchMin", "_batchMin"));
                w.Line(c.ArrayRef("batchMax", "_batchMax"));
                EmitFirstValues(w, c, "batchMin", "batchMax");
                w.Line();
                LoopNestEmitter.Emit(w, c.Nest, run => ScalerMapEmitter.EmitExtremaRun(w, c, run));
            }

            w.Line();
        }

        private static void EmitMergeExtrema(IndentedWriter w, ScalerContext c)
        {
            w.Line("// min = min(min, batchMin), max = max(max, batchMax).");
            using (w.Block("private void Merge(long added)"))
            {
                c.DeclareConstructed(w);
                w.Line(c.ArrayRef("min", "Min"));
                w.Line(c.ArrayRef("max", "Max"));
                w.Line(c.ArrayRef("batchMin", "_batchMin"));
                w.Line(c.ArrayRef("batchMax", "_batchMax"));
                using (w.Block("for (int s = 0; s < " + c.StatisticCount.ToCode() + "; s++)"))
                {
                    w.Line("if (" + KernelSnippets.At("batchMin", "s") + " < " + KernelSnippets.At("min", "s") + ") " + KernelSnippets.At("min", "s") + " = " + KernelSnippets.At("batchMin", "s") + ";");
                    w.Line("if (" + KernelSnippets.At("batchMax", "s") + " > " + KernelSnippets.At("max", "s") + ") " + KernelSnippets.At("max", "s") + " = " + KernelSnippets.At("batchMax", "s") + ";");
                }

                w.Line("_count += added;");
            }

            w.Line();
        }

        private static void EmitPrepare(IndentedWriter w, ScalerContext c, bool inverse)
        {
            var configuration = c.Configuration;
            string width = Names.DoubleLiteral(configuration.FeatureRangeMax - configuration.FeatureRangeMin);
            w.Line(inverse ? "// The offset and scale of InverseTransform." : "// The offset and scale of Transform.");
            using (w.Block("private void Prepare" + (inverse ? "InverseTransform" : "Transform") + "(" + c.T + "[] offsets, " + c.T + "[] scales)"))
            {
                c.DeclareConstructed(w);
                w.Line(c.ArrayRef("offset", "offsets"));
                w.Line(c.ArrayRef("scale", "scales"));
                w.Line(c.IsMinMax ? c.ArrayRef("min", "Min") : c.ArrayRef("mean", "Mean"));
                w.Line(c.IsMinMax ? c.ArrayRef("max", "Max") : c.ArrayRef("variance", "Variance"));
                using (w.Block("for (int s = 0; s < " + c.StatisticCount.ToCode() + "; s++)"))
                {
                    if (c.IsMinMax)
                    {
                        // A constant feature has range 0; scikit-learn takes it as 1, so the feature maps to a.
                        w.Line("double range = (double)" + KernelSnippets.At("max", "s") + " - " + KernelSnippets.At("min", "s") + ";");
                        w.Line("if (range == 0d) range = 1d;");
                        w.Line(KernelSnippets.At("offset", "s") + " = " + KernelSnippets.At("min", "s") + ";");
                        w.Line(KernelSnippets.At("scale", "s") + " = (" + c.T + ")(" + (inverse ? "range / " + width : width + " / range") + ");");
                    }
                    else
                    {
                        // A constant feature has standard deviation 0; scikit-learn takes it as 1, so the feature maps to 0.
                        w.Line("double deviation = global::System.Math.Sqrt(" + KernelSnippets.At("variance", "s") + ");");
                        w.Line("if (deviation == 0d) deviation = 1d;");
                        w.Line(KernelSnippets.At("offset", "s") + " = " + KernelSnippets.At("mean", "s") + ";");
                        w.Line(KernelSnippets.At("scale", "s") + " = (" + c.T + ")(" + (inverse ? "deviation" : "1d / deviation") + ");");
                    }
                }
            }

            w.Line();
        }

        /// <summary>Sets every statistic of <paramref name="arrays"/> to its first value in the batch.</summary>
        private static void EmitFirstValues(IndentedWriter w, ScalerContext c, params string[] arrays)
        {
            LoopNestEmitter.Emit(w, c.Nest, run =>
            {
                if (run.StatisticVaries)
                {
                    using (w.Block("for (int i = 0; i < " + run.Length + "; i++)"))
                    {
                        foreach (var array in arrays)
                        {
                            w.Line(KernelSnippets.At(array, run.Statistic + " + i") + " = " + KernelSnippets.At("x", run.Input + " + i") + ";");
                        }
                    }
                }
                else
                {
                    foreach (var array in arrays)
                    {
                        w.Line(KernelSnippets.At(array, run.Statistic) + " = " + KernelSnippets.At("x", run.Input) + ";");
                    }
                }
            }, keptOnly: true);
        }
    }
}
