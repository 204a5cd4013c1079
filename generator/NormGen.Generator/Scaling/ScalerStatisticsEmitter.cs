using NormGen.Generator.Emitting;
using static NormGen.Generator.Emitting.MemberNames;

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
            using (w.Block($"private void {ComputeBatchMoments}(ref {c.T} x{c.DimensionParameters})"))
            {
                LoopNestEmitter.DeclareExtents(w, c.Nest);
                w.Template($$"""
                    {{c.ArrayRef("mean", BatchMeanField)}}
                    {{c.ArrayRef("sum", SumField)}}
                    {{c.ArrayRef("squares", BatchSquaresField)}}
                    {{c.T}} count = {{c.ValuesPerStatistic.ToLongCode()}};

                    // Pivot: the first value of every statistic.
                    """);
                EmitFirstValues(w, c, "mean");
                w.Template($$"""

                    global::System.Array.Clear({{SumField}}, 0, {{SumField}}.Length);
                    """);
                LoopNestEmitter.Emit(w, c.Nest, run => VectorLoopBodies.ShiftedSum(n, run).Emit(w, run.Length));
                w.Template($$"""
                    for (int s = 0; s < {{c.StatisticCountCode}}; s++)
                    {
                        {{At("mean", "s")}} += {{At("sum", "s")}} / count;
                    }

                    global::System.Array.Clear({{BatchSquaresField}}, 0, {{BatchSquaresField}}.Length);
                    """);
                LoopNestEmitter.Emit(w, c.Nest, run => VectorLoopBodies.Squares(n, run, sum: "squares").Emit(w, run.Length));
            }

            w.Line();
        }

        private static void EmitMergeMoments(IndentedWriter w, ScalerContext c)
        {
            w.Template($$"""
                // Chan et al.: with n = na + nb and delta = meanB - meanA, mean = meanA + delta * nb / n and
                // n * variance = na * varianceA + squaresB + delta² * na * nb / n.
                private void {{Merge}}(long added)
                {
                    {{c.ConstructedLocals}}
                    {{c.ArrayRef("mean", Mean)}}
                    {{c.ArrayRef("variance", Variance)}}
                    {{c.ArrayRef("batchMean", BatchMeanField)}}
                    {{c.ArrayRef("batchSquares", BatchSquaresField)}}
                    double previous = {{CountField}};
                    double total = previous + added;
                    double weight = added / total;
                    double cross = previous * added / total;
                    for (int s = 0; s < {{c.StatisticCountCode}}; s++)
                    {
                        double meanA = {{At("mean", "s")}};
                        double delta = {{At("batchMean", "s")}} - meanA;
                        {{At("mean", "s")}} = ({{c.T}})(meanA + delta * weight);
                        {{At("variance", "s")}} = ({{c.T}})((previous * {{At("variance", "s")}} + {{At("batchSquares", "s")}} + delta * delta * cross) / total);
                    }
                    {{CountField}} += added;
                }

                """);
        }

        private static void EmitExtrema(IndentedWriter w, ScalerContext c)
        {
            w.Line("// batchMin = min(x), batchMax = max(x), starting from the first value of every statistic.");
            using (w.Block($"private void {ComputeBatchExtrema}(ref {c.T} x{c.DimensionParameters})"))
            {
                LoopNestEmitter.DeclareExtents(w, c.Nest);
                w.Line(c.ArrayRef("batchMin", BatchMinField));
                w.Line(c.ArrayRef("batchMax", BatchMaxField));
                EmitFirstValues(w, c, "batchMin", "batchMax");
                w.Line();
                LoopNestEmitter.Emit(w, c.Nest, run => ScalerMapEmitter.EmitExtremaRun(w, c, run));
            }

            w.Line();
        }

        private static void EmitMergeExtrema(IndentedWriter w, ScalerContext c)
        {
            w.Template($$"""
                // min = min(min, batchMin), max = max(max, batchMax).
                private void {{Merge}}(long added)
                {
                    {{c.ConstructedLocals}}
                    {{c.ArrayRef("min", Min)}}
                    {{c.ArrayRef("max", Max)}}
                    {{c.ArrayRef("batchMin", BatchMinField)}}
                    {{c.ArrayRef("batchMax", BatchMaxField)}}
                    for (int s = 0; s < {{c.StatisticCountCode}}; s++)
                    {
                        if ({{At("batchMin", "s")}} < {{At("min", "s")}}) {{At("min", "s")}} = {{At("batchMin", "s")}};
                        if ({{At("batchMax", "s")}} > {{At("max", "s")}}) {{At("max", "s")}} = {{At("batchMax", "s")}};
                    }
                    {{CountField}} += added;
                }

                """);
        }

        private static void EmitPrepare(IndentedWriter w, ScalerContext c, bool inverse)
        {
            string transform = inverse ? InverseTransform : Transform;
            w.Template($$"""
                // The offset and scale of {{transform}}.
                private void {{(inverse ? PrepareInverseTransform : PrepareTransform)}}({{c.T}}[] offsets, {{c.T}}[] scales)
                {
                    {{c.ConstructedLocals}}
                    {{c.ArrayRef("offset", "offsets")}}
                    {{c.ArrayRef("scale", "scales")}}
                    {{(c.IsMinMax ? c.ArrayRef("min", Min) : c.ArrayRef("mean", Mean))}}
                    {{(c.IsMinMax ? c.ArrayRef("max", Max) : c.ArrayRef("variance", Variance))}}
                    for (int s = 0; s < {{c.StatisticCountCode}}; s++)
                    {
                        {{(c.IsMinMax ? RangeOffsetAndScale(c, inverse) : DeviationOffsetAndScale(c, inverse))}}
                    }
                }

                """);
        }

        /// <summary>Min-Max: offset min and scale width / range (range / width for the inverse), width the feature range's.
        /// A constant feature has range 0; scikit-learn takes it as 1, so the feature maps to a.</summary>
        private static string RangeOffsetAndScale(ScalerContext c, bool inverse)
        {
            var configuration = c.Configuration;
            string width = Names.DoubleLiteral(configuration.FeatureRangeMax - configuration.FeatureRangeMin);
            return $$"""
                double range = (double){{At("max", "s")}} - {{At("min", "s")}};
                if (range == 0d) range = 1d;
                {{At("offset", "s")}} = {{At("min", "s")}};
                {{At("scale", "s")}} = ({{c.T}})({{(inverse ? $"range / {width}" : $"{width} / range")}});
                """;
        }

        /// <summary>Z-score: offset mean and scale 1 / deviation (deviation for the inverse). A constant feature has
        /// standard deviation 0; scikit-learn takes it as 1, so the feature maps to 0.</summary>
        private static string DeviationOffsetAndScale(ScalerContext c, bool inverse) => $$"""
            double deviation = global::System.Math.Sqrt({{At("variance", "s")}});
            if (deviation == 0d) deviation = 1d;
            {{At("offset", "s")}} = {{At("mean", "s")}};
            {{At("scale", "s")}} = ({{c.T}})({{(inverse ? "deviation" : "1d / deviation")}});
            """;

        /// <summary>Sets every statistic of <paramref name="arrays"/> to its first value in the batch.</summary>
        private static void EmitFirstValues(IndentedWriter w, ScalerContext c, params string[] arrays)
        {
            LoopNestEmitter.Emit(w, c.Nest, run =>
            {
                if (run.StatisticVaries)
                {
                    using (w.Block($"for (int i = 0; i < {run.Length}; i++)"))
                    {
                        foreach (var array in arrays)
                        {
                            w.Line($"{At(array, $"{run.Statistic} + i")} = {At("x", $"{run.Input} + i")};");
                        }
                    }
                }
                else
                {
                    foreach (var array in arrays)
                    {
                        w.Line($"{At(array, run.Statistic)} = {At("x", run.Input)};");
                    }
                }
            }, keptOnly: true);
        }

        private static string At(string array, string index) => KernelSnippets.At(array, index);
    }
}
