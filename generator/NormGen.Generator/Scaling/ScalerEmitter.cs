using Microsoft.CodeAnalysis.Text;
using System.Linq;
using NormGen.Configuration;
using NormGen.Generator.Emitting;
using NormGen.Generator.Planning;
using static NormGen.Generator.Emitting.MemberNames;

namespace NormGen.Generator.Scaling
{
    /// <summary>Writes the generated source of one input scaler: its state, the public <c>Fit</c>, <c>Transform</c>,
    /// <c>InverseTransform</c> and <c>Reset</c>, the shape checks and the kernels.</summary>
    internal static class ScalerEmitter
    {
        public static SourceText Emit(ScalerModel model)
        {
            var c = new ScalerContext(model);
            var w = new IndentedWriter();
            using (model.Declaration.Open(w, c.Names, Summary(c), $"global::NormGen.I{c.KindName}<{c.T}>"))
            {
                ScalerStateEmitter.Emit(w, c);
                EmitFit(w, c);
                EmitTransform(w, c, inverse: false);
                EmitTransform(w, c, inverse: true);
                EmitShapeChecks(w, c);
                ScalerStatisticsEmitter.Emit(w, c);
                ScalerMapEmitter.Emit(w, c);
            }

            return w.ToSourceText();
        }

        private static string Summary(ScalerContext c)
        {
            var configuration = c.Configuration;
            string shape = string.Join(", ", configuration.Layout.Select(a =>
                a.IsFixed ? $"{a.Axis}={Names.Int(a.FixedExtent)}"
                : a.AtConstruction ? $"{a.Axis}={a.Axis.ParameterName()}"
                : a.Axis.ToString()));
            string what = c.IsMinMax
                ? $"Min-Max scaling to [{Bound(configuration.FeatureRangeMin)}, {Bound(configuration.FeatureRangeMax)}]{(configuration.Clip ? ", clipped," : "")}"
                : "Z-score standardisation";
            return $"{what} of {c.T} data laid out {configuration.LayoutText} ({shape}), statistics over {configuration.AxesText}: {StatisticsText(c.StatisticCount)}.";
        }

        private static string StatisticsText(Extent statistics) =>
            !statistics.IsConstant ? $"{statistics.ToCode()} statistics"
            : statistics.Constant == 1 ? "1 statistic"
            : $"{Names.Int(statistics.Constant)} statistics";

        internal static string Bound(double value) => value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

        private static void EmitFit(IndentedWriter w, ScalerContext c)
        {
            string becomes = c.IsMinMax
                ? $"<see cref=\"{Min}\"/> and <see cref=\"{Max}\"/> become the minimum and maximum over everything fitted so far"
                : $"<see cref=\"{Mean}\"/> and <see cref=\"{Variance}\"/> become those of everything fitted so far, the batch's merged exactly (Chan et al.)";
            w.Template($$"""
                /// <summary>Adds a batch to the fitted statistics: {{becomes}}
                /// (scikit-learn <c>partial_fit</c>; call <see cref="{{Reset}}"/> to start over).</summary>
                {{DataParameters(c, "input", "The batch")}}
                public void {{Fit}}({{c.ReadOnlySpan}} input{{c.CallParameters}})
                {
                    {{c.ConstructedLocals}}
                    int count = {{ElementCount}}({{c.DimensionList}});
                    {{CheckLength}}(nameof(input), input.Length, count{{c.DimensionArguments}});
                    ref {{c.T}} x = ref {{Names.MemoryMarshal}}.GetReference(input);
                    long added = {{c.ValuesPerStatistic.ToLongCode()}};
                    {{(c.IsMinMax ? ComputeBatchExtrema : ComputeBatchMoments)}}(ref x{{c.DimensionArguments}});
                    {{Merge}}(added);
                }

                """);
        }

        private static void EmitTransform(IndentedWriter w, ScalerContext c, bool inverse)
        {
            string formula = (c.IsMinMax, inverse) switch
            {
                (true, false) => $"x' = (x - Min) / (Max - Min) * (b - a) + a for the feature range [a, b] (Max - Min taken as 1 where it is 0){(c.Configuration.Clip ? ", clipped to [a, b]" : "")}",
                (true, true) => "x = (x' - a) / (b - a) * (Max - Min) + Min (Max - Min taken as 1 where it is 0)",
                (false, false) => "x' = (x - Mean) / sqrt(Variance) (the square root taken as 1 where the variance is 0)",
                _ => "x = x' * sqrt(Variance) + Mean (the square root taken as 1 where the variance is 0)",
            };
            // Offsets and scales go to the calling thread's arrays, so that threads may share the fitted scaler.
            string buffers = $"global::NormGen.Runtime.StatisticBuffers<{c.T}>";
            w.Template($$"""
                /// <summary>{{(inverse ? "Maps scaled values back to the original units" : "Scales the input")}}: {{formula}}.
                /// <paramref name="output"/> may be the same memory as <paramref name="input"/>.</summary>
                {{DataParameters(c, "input", inverse ? "Scaled values" : "The values to scale")}}
                /// <param name="output">Receives the result; as long as the input.</param>
                public void {{(inverse ? InverseTransform : Transform)}}({{c.ReadOnlySpan}} input, {{c.Span}} output{{c.CallParameters}})
                {
                    {{c.ConstructedLocals}}
                    int count = {{ElementCount}}({{c.DimensionList}});
                    {{CheckLength}}(nameof(input), input.Length, count{{c.DimensionArguments}});
                    {{CheckLength}}(nameof(output), output.Length, count{{c.DimensionArguments}});
                    if ({{Count}} == 0) global::NormGen.Runtime.ScalerGuard.ThrowNotFitted("{{c.KindName}}");
                    {{buffers}} buffers = {{buffers}}.OfThread({{c.StatisticCountCode}});
                    {{(inverse ? PrepareInverseTransform : PrepareTransform)}}(buffers.Mean, buffers.InvStd);
                    {{(inverse ? UnscaleData : ScaleData)}}(ref {{Names.MemoryMarshal}}.GetReference(input), ref {{Names.MemoryMarshal}}.GetReference(output), buffers.Mean, buffers.InvStd{{c.DimensionArguments}});
                }

                """);
        }

        private static void EmitShapeChecks(IndentedWriter w, ScalerContext c)
        {
            var configuration = c.Configuration;
            ShapeEmitter.EmitShapeHelpers(w, configuration.Layout);
            foreach (var (name, head, passed) in new[]
            {
                (Fit, $"{Fit}({c.ReadOnlySpan} input, ", "input"),
                (Transform, $"{Transform}({c.ReadOnlySpan} input, {c.Span} output, ", "input, output"),
                (InverseTransform, $"{InverseTransform}({c.ReadOnlySpan} input, {c.Span} output, ", "input, output"),
            })
            {
                string summary = $"{name} with every extent of the input given in layout order by <paramref name=\"shape\"/>.";
                ShapeEmitter.EmitFullShapeOverload(w, configuration.Layout, configuration.LayoutText, summary, head, passed);
            }
        }

        /// <summary>The documentation of a data parameter and of the per-call extents, a line each.</summary>
        private static string DataParameters(ScalerContext c, string parameter, string what)
        {
            string extents = string.Concat(c.PerCall.Select(d => $"\n/// <param name=\"{d}\">The {d} extent of this call.</param>"));
            return $"/// <param name=\"{parameter}\">{what}, densely packed in {c.Configuration.LayoutText} order.</param>{extents}";
        }
    }
}
