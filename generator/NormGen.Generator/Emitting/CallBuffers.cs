namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// The per-statistic arrays the kernels work in (<c>NormGen.Runtime.StatisticBuffers</c>), passed to every kernel as
    /// <c>buffers</c>: the layer's own set in training, where Backward reads what Forward left, and the calling thread's
    /// set in eval mode, so that eval-mode Forward writes nothing but its output and threads may share the layer.
    /// </summary>
    internal static class CallBuffers
    {
        /// <summary>The kernels' parameter, and the public methods' local, holding the arrays.</summary>
        public const string Local = "buffers";

        /// <summary>The layer's own set.</summary>
        public const string Field = MemberNames.StatisticsField;

        public static string Type(LayerContext c) => $"global::NormGen.Runtime.StatisticBuffers<{c.T}>";

        /// <summary>", StatisticBuffers&lt;float&gt; buffers, int batch, int height": a kernel's trailing parameters.</summary>
        public static string Parameters(LayerContext c) => $", {Type(c)} {Local}{c.DimensionParameters}";

        /// <summary>", buffers, batch, height": a kernel call's trailing arguments.</summary>
        public static string Arguments(LayerContext c) => $", {Local}{c.DimensionArguments}";

        /// <summary><c>buffers.Mean</c> for <c>_mean</c>: the array a statistics name stands for.</summary>
        public static string Array(string name)
        {
            string bare = name.TrimStart('_');
            return $"{Local}.{char.ToUpperInvariant(bare[0])}{bare.Substring(1)}";
        }

        /// <summary>Declares <c>buffers</c> as the calling thread's set, with room for <paramref name="statistics"/>.</summary>
        public static void DeclareThreads(IndentedWriter w, LayerContext c, string statistics) =>
            w.Template($$"""
                {{Type(c)}} {{Local}} = {{Type(c)}}.OfThread({{statistics}});
                """);
    }
}
