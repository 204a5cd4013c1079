using System;
using NormGen.Generator.Emitting;
using static NormGen.Generator.Emitting.MemberNames;

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
            var n = c.Names;
            string T = n.T;
            string vector = n.VectorT;
            bool clip = configuration.Clip && !inverse;

            // The formula over operand names; "a" is the lower end of the feature range.
            Func<string, string, string, string, string> formula = (c.IsMinMax, inverse) switch
            {
                (true, false) => (x, o, k, a) => $"({x} - {o}) * {k} + {a}",
                (true, true) => (x, o, k, a) => $"({x} - {a}) * {k} + {o}",
                (false, false) => (x, o, k, _) => $"({x} - {o}) * {k}",
                _ => (x, o, k, _) => $"{x} * {k} + {o}",
            };

            // The feature range's ends, a and b, in scalars and broadcast.
            string lowerEnd = c.IsMinMax ? $"{T} a = {n.Literal(configuration.FeatureRangeMin)};\nvar aV = new {vector}(a);" : "";
            string upperEnd = clip ? $"{T} b = {n.Literal(configuration.FeatureRangeMax)};\nvar bV = new {vector}(b);" : "";
            w.Line($"// y = {formula("x", "offset", "scale", "a")}{(clip ? ", clipped to [a, b]" : "")}.");
            using (w.Block($"private void {(inverse ? UnscaleData : ScaleData)}(ref {T} x, ref {T} y, {T}[] offsets, {T}[] scales{c.DimensionParameters})"))
            {
                LoopNestEmitter.DeclareExtents(w, c.Nest);
                w.Line(c.ArrayRef("offset", "offsets"));
                w.Line(c.ArrayRef("scale", "scales"));
                LoopNestEmitter.Emit(w, c.Nest, run =>
                {
                    // Offsets and scales: broadcast once when shared along the run, else loaded at every position.
                    string shared = "", vectorLoads = "", scalarLoads = "";
                    if (run.StatisticVaries)
                    {
                        vectorLoads = $"var oV = {Load("offset", run.Statistic)};\nvar kV = {Load("scale", run.Statistic)};";
                        scalarLoads = $"{T} o = {At("offset", $"{run.Statistic} + i")};\n{T} k = {At("scale", $"{run.Statistic} + i")};";
                    }
                    else
                    {
                        shared = $$"""
                            {{T}} o = {{At("offset", run.Statistic)}};
                            {{T}} k = {{At("scale", run.Statistic)}};
                            var oV = new {{vector}}(o);
                            var kV = new {{vector}}(k);
                            """;
                    }

                    w.Template($$"""
                        {
                            {{lowerEnd}}
                            {{upperEnd}}
                            {{shared}}
                            int i = 0;
                            for (; i <= {{run.Length}} - {{vector}}.Count; i += {{vector}}.Count)
                            {
                                {{vectorLoads}}
                                var r = {{formula(Load("x", run.Input), "oV", "kV", "aV")}};
                                {{(clip ? $"r = {Names.Vector}.Min({Names.Vector}.Max(r, aV), bV);" : "")}}
                                {{Names.Vector}}.StoreUnsafe(r, ref y, (nuint)({{Index(run.Input)}}));
                            }
                            for (; i < {{run.Length}}; i++)
                            {
                                {{scalarLoads}}
                                {{T}} r = {{formula(At("x", $"{run.Input} + i"), "o", "k", "a")}};
                                {{(clip ? $"r = {n.MathType}.Min({n.MathType}.Max(r, a), b);" : "")}}
                                {{At("y", $"{run.Input} + i")}} = r;
                            }
                        }
                        """);
                });
            }

            w.Line();
        }

        /// <summary>The innermost loop of <c>ComputeBatchExtrema</c>: lane-wise minimum and maximum in registers when the
        /// statistic is shared along the run (reduced across lanes afterwards), or in the statistic arrays when it varies.</summary>
        public static void EmitExtremaRun(IndentedWriter w, ScalerContext c, RunBases run)
        {
            string T = c.T;
            string vector = c.Names.VectorT;
            if (run.StatisticVaries)
            {
                string statistic = $"{run.Statistic} + i";
                w.Template($$"""
                    {
                        int i = 0;
                        for (; i <= {{run.Length}} - {{vector}}.Count; i += {{vector}}.Count)
                        {
                            var xv = {{Load("x", run.Input)}};
                            {{Names.Vector}}.StoreUnsafe({{Names.Vector}}.Min({{Load("batchMin", run.Statistic)}}, xv), ref batchMin, (nuint)({{Index(run.Statistic)}}));
                            {{Names.Vector}}.StoreUnsafe({{Names.Vector}}.Max({{Load("batchMax", run.Statistic)}}, xv), ref batchMax, (nuint)({{Index(run.Statistic)}}));
                        }
                        for (; i < {{run.Length}}; i++)
                        {
                            {{T}} xs = {{At("x", $"{run.Input} + i")}};
                            ref {{T}} l = ref {{At("batchMin", statistic)}};
                            ref {{T}} h = ref {{At("batchMax", statistic)}};
                            if (xs < l) l = xs;
                            if (xs > h) h = xs;
                        }
                    }
                    """);
                return;
            }

            w.Template($$"""
                {
                    {{T}} lo = {{At("batchMin", run.Statistic)}};
                    {{T}} hi = {{At("batchMax", run.Statistic)}};
                    var loV = new {{vector}}(lo);
                    var hiV = new {{vector}}(hi);
                    int i = 0;
                    for (; i <= {{run.Length}} - {{vector}}.Count; i += {{vector}}.Count)
                    {
                        var xv = {{Load("x", run.Input)}};
                        loV = {{Names.Vector}}.Min(loV, xv);
                        hiV = {{Names.Vector}}.Max(hiV, xv);
                    }
                    for (int j = 0; j < {{vector}}.Count; j++)
                    {
                        if (loV[j] < lo) lo = loV[j];
                        if (hiV[j] > hi) hi = hiV[j];
                    }
                    for (; i < {{run.Length}}; i++)
                    {
                        {{T}} xs = {{At("x", $"{run.Input} + i")}};
                        if (xs < lo) lo = xs;
                        if (xs > hi) hi = xs;
                    }
                    {{At("batchMin", run.Statistic)}} = lo;
                    {{At("batchMax", run.Statistic)}} = hi;
                }
                """);
        }

        private static string Load(string array, string baseIndex) => $"{Names.Vector}.LoadUnsafe(ref {array}, (nuint)({Index(baseIndex)}))";

        private static string Index(string baseIndex) => baseIndex == "0" ? "i" : $"{baseIndex} + i";

        private static string At(string array, string index) => KernelSnippets.At(array, index);
    }
}
