using System.Linq;
using NormGen.Generator.Emitting;
using static NormGen.Generator.Emitting.MemberNames;

namespace NormGen.Generator.Scaling
{
    /// <summary>Writes a scaler's fitted statistics, its count, the scratch buffers, <c>Reset</c> and, when kept axes
    /// are not fixed in the attribute, the constructor that takes their extents and sizes the statistics.</summary>
    internal static class ScalerStateEmitter
    {
        public static void Emit(IndentedWriter w, ScalerContext c)
        {
            string T = c.T;
            string S = c.StatisticCountCode;
            var allocations = new Allocations(inConstructor: c.Constructed.Length > 0);
            if (c.Constructed.Length > 0)
            {
                c.DimensionNames.EmitFields(w);
            }

            var configuration = c.Configuration;
            w.Template($$"""
                /// <summary>The memory layout, outermost axis first.</summary>
                public string {{Layout}} => "{{configuration.LayoutText}}";

                /// <summary>The axes statistics are computed over.</summary>
                public string {{Axes}} => "{{configuration.AxesText}}";

                """);
            string per = $"one per index of the axes not in {Axes}, in layout order";
            string loadable = "Writable, to load saved values.";
            if (c.IsMinMax)
            {
                w.Template($$"""
                    /// <summary>Lower end a of the feature range.</summary>
                    public double {{FeatureRangeMin}} => {{Names.DoubleLiteral(configuration.FeatureRangeMin)}};

                    /// <summary>Upper end b of the feature range.</summary>
                    public double {{FeatureRangeMax}} => {{Names.DoubleLiteral(configuration.FeatureRangeMax)}};

                    """);
                allocations.ArrayProperty(w, T, Min, $"Smallest value fitted (scikit-learn <c>data_min_</c>), {per}; +∞ until fitted. {loadable}", $"{Names.Buffers}.Filled({S}, {T}.PositiveInfinity)");
                allocations.ArrayProperty(w, T, Max, $"Largest value fitted (scikit-learn <c>data_max_</c>), {per}; −∞ until fitted. {loadable}", $"{Names.Buffers}.Filled({S}, {T}.NegativeInfinity)");
            }
            else
            {
                allocations.ArrayProperty(w, T, Mean, $"Mean of the values fitted (scikit-learn <c>mean_</c>), {per}; 0 until fitted. {loadable}", $"new {T}[{S}]");
                allocations.ArrayProperty(w, T, Variance, $"Population variance of the values fitted (scikit-learn <c>var_</c>; the standard deviation is its square root), {per}; 0 until fitted. {loadable}", $"new {T}[{S}]");
            }

            string scratch = c.IsMinMax ? "the batch's minimum and maximum" : "the batch's mean, its sum of squared deviations, a running sum";
            w.Template($$"""
                private long {{CountField}};

                /// <summary>Number of values every statistic has been fitted on (scikit-learn <c>n_samples_seen_</c> times the reduced
                /// extents other than the batch); 0 until fitted. Settable, to load saved values; never negative.</summary>
                public long {{Count}}
                {
                    get => {{CountField}};
                    set
                    {
                        if (value < 0) global::NormGen.Runtime.ScalerGuard.ThrowNegativeCount(value);
                        {{CountField}} = value;
                    }
                }

                // Per statistic, for {{Fit}}: {{scratch}}. {{Transform}} keeps nothing (its offsets and scales are the call's own).
                """);
            foreach (var field in c.IsMinMax ? new[] { BatchMinField, BatchMaxField } : new[] { BatchMeanField, BatchSquaresField, SumField })
            {
                allocations.Field(w, $"private readonly {T}[] {field}", field, $"new {T}[{S}]");
            }

            string forget = c.IsMinMax
                ? $"global::System.Array.Fill({Min}, {T}.PositiveInfinity);\nglobal::System.Array.Fill({Max}, {T}.NegativeInfinity);"
                : $"global::System.Array.Clear({Mean}, 0, {Mean}.Length);\nglobal::System.Array.Clear({Variance}, 0, {Variance}.Length);";
            w.Template($$"""

                /// <summary>Forgets every fitted statistic, as a new scaler.</summary>
                public void {{Reset}}()
                {
                    {{forget}}
                    {{CountField}} = 0;
                }

                """);
            if (c.Constructed.Length > 0)
            {
                EmitConstructor(w, c, allocations);
            }
        }

        private static void EmitConstructor(IndentedWriter w, ScalerContext c, Allocations allocations)
        {
            w.Template($$"""
                /// <summary>Creates an unfitted scaler for the kept extents {{string.Join(", ", c.Constructed)}}.</summary>
                {{string.Concat(c.Constructed.Select(name => $"/// <param name=\"{name}\">The {name} extent; positive.</param>\n"))}}
                /// <exception cref="global::System.ArgumentException">An extent is not positive, or the statistics would not fit in an array.</exception>
                """);
            using (w.Block($"public {c.Model.Declaration.Type.Name}({string.Join(", ", c.Constructed.Select(name => $"int {name}"))})"))
            {
                foreach (var name in c.Constructed)
                {
                    w.Line($"if ({name} <= 0) {Names.ShapeGuard}.ThrowNonPositive(nameof({name}), {name});");
                }

                // The statistics' count must fit in an array: the element count of a batch of 1.
                w.Line($"{ElementCount}({string.Join(", ", c.DimensionNames.All.Select(d => c.Constructed.Contains(d) ? d : "1"))});");
                c.DimensionNames.EmitKeep(w);
                allocations.EmitDeferred(w);
            }

            w.Line();
        }
    }
}
