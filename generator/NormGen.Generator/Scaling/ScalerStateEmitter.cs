using System.Linq;
using NormGen.Generator.Emitting;

namespace NormGen.Generator.Scaling
{
    /// <summary>Writes a scaler's fitted statistics, its count, the scratch buffers, <c>Reset</c> and, when kept axes
    /// are not fixed in the attribute, the constructor that takes their extents and sizes the statistics.</summary>
    internal static class ScalerStateEmitter
    {
        public static void Emit(IndentedWriter w, ScalerContext c)
        {
            string T = c.T;
            string S = c.StatisticCount.ToCode();
            var allocations = new Allocations(inConstructor: c.Constructed.Length > 0);
            if (c.Constructed.Length > 0)
            {
                c.DimensionNames.EmitFields(w);
            }

            var configuration = c.Configuration;
            w.Line("/// <summary>The memory layout, outermost axis first.</summary>");
            w.Line("public string Layout => \"" + configuration.LayoutText + "\";");
            w.Line();
            w.Line("/// <summary>The axes statistics are computed over.</summary>");
            w.Line("public string Axes => \"" + configuration.AxesText + "\";");
            w.Line();
            string per = "one per index of the axes not in Axes, in layout order";
            if (c.IsMinMax)
            {
                w.Line("/// <summary>Lower end a of the feature range.</summary>");
                w.Line("public double FeatureRangeMin => " + Names.DoubleLiteral(configuration.FeatureRangeMin) + ";");
                w.Line();
                w.Line("/// <summary>Upper end b of the feature range.</summary>");
                w.Line("public double FeatureRangeMax => " + Names.DoubleLiteral(configuration.FeatureRangeMax) + ";");
                w.Line();
                allocations.ArrayProperty(w, T, "Min", "Smallest value fitted (scikit-learn <c>data_min_</c>), " + per + "; +∞ until fitted. Writable, to load saved values.", Names.Buffers + ".Filled(" + S + ", " + T + ".PositiveInfinity)");
                allocations.ArrayProperty(w, T, "Max", "Largest value fitted (scikit-learn <c>data_max_</c>), " + per + "; −∞ until fitted. Writable, to load saved values.", Names.Buffers + ".Filled(" + S + ", " + T + ".NegativeInfinity)");
            }
            else
            {
                allocations.ArrayProperty(w, T, "Mean", "Mean of the values fitted (scikit-learn <c>mean_</c>), " + per + "; 0 until fitted. Writable, to load saved values.", "new " + T + "[" + S + "]");
                allocations.ArrayProperty(w, T, "Variance", "Population variance of the values fitted (scikit-learn <c>var_</c>; the standard deviation is its square root), " + per + "; 0 until fitted. Writable, to load saved values.", "new " + T + "[" + S + "]");
            }

            w.Line("private long _count;");
            w.Line();
            w.Line("/// <summary>Number of values every statistic has been fitted on (scikit-learn <c>n_samples_seen_</c> times the reduced");
            w.Line("/// extents other than the batch); 0 until fitted. Settable, to load saved values; never negative.</summary>");
            using (w.Block("public long Count"))
            {
                w.Line("get => _count;");
                using (w.Block("set"))
                {
                    w.Line("if (value < 0) global::NormGen.Runtime.ScalerGuard.ThrowNegativeCount(value);");
                    w.Line("_count = value;");
                }
            }

            w.Line();
            w.Line(c.IsMinMax
                ? "// Per statistic, for Fit: the batch's minimum and maximum. Transform keeps nothing (its offsets and scales are the call's own)."
                : "// Per statistic, for Fit: the batch's mean, its sum of squared deviations, a running sum. Transform keeps nothing (its offsets and scales are the call's own).");
            foreach (var field in c.IsMinMax ? new[] { "_batchMin", "_batchMax" } : new[] { "_batchMean", "_batchSquares", "_sum" })
            {
                allocations.Field(w, "private readonly " + T + "[] " + field, field, "new " + T + "[" + S + "]");
            }

            w.Line();
            w.Line("/// <summary>Forgets every fitted statistic, as a new scaler.</summary>");
            using (w.Block("public void Reset()"))
            {
                if (c.IsMinMax)
                {
                    w.Line("global::System.Array.Fill(Min, " + T + ".PositiveInfinity);");
                    w.Line("global::System.Array.Fill(Max, " + T + ".NegativeInfinity);");
                }
                else
                {
                    w.Line("global::System.Array.Clear(Mean, 0, Mean.Length);");
                    w.Line("global::System.Array.Clear(Variance, 0, Variance.Length);");
                }

                w.Line("_count = 0;");
            }

            w.Line();
            if (c.Constructed.Length > 0)
            {
                EmitConstructor(w, c, allocations);
            }
        }

        private static void EmitConstructor(IndentedWriter w, ScalerContext c, Allocations allocations)
        {
            w.Line("/// <summary>Creates an unfitted scaler for the kept extents " + string.Join(", ", c.Constructed) + ".</summary>");
            foreach (var name in c.Constructed)
            {
                w.Line("/// <param name=\"" + name + "\">The " + name + " extent; positive.</param>");
            }

            w.Line("/// <exception cref=\"global::System.ArgumentException\">An extent is not positive, or the statistics would not fit in an array.</exception>");
            using (w.Block("public " + c.Model.Declaration.Type.Name + "(" + string.Join(", ", c.Constructed.Select(p => "int " + p)) + ")"))
            {
                foreach (var name in c.Constructed)
                {
                    w.Line("if (" + name + " <= 0) " + Names.ShapeGuard + ".ThrowNonPositive(nameof(" + name + "), " + name + ");");
                }

                w.Line("ElementCount(" + string.Join(", ", c.DimensionNames.All.Select(d => c.Constructed.Contains(d) ? d : "1")) + ");");
                c.DimensionNames.EmitKeep(w);
                allocations.EmitDeferred(w);
            }

            w.Line();
        }
    }
}
