namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// The residual in generated code. Before the activation (y = act(norm(x) + r)) every normalisation kernel takes
    /// <c>ref res</c> (r) beside x, read at x's index (<see cref="Planning.KernelSignatures"/>), and its threaded twin passes
    /// the residual span as the runtime's second tensor; Backward with an activation first writes dr = dy * act'(z) (<see cref="VectorLoopBodies.ResidualGradient"/>).
    /// Before the norm (s = x + r) nothing inside the kernels changes: Forward writes s, then normalises it.
    /// </summary>
    internal static class ResidualCalls
    {
        /// <summary>", batch, length": the per-call extents as arguments to another public overload.</summary>
        public static string PerCallArguments(LayerContext c) => string.Concat(System.Linq.Enumerable.Select(c.PerCall, p => $", {p}"));

        /// <summary>The statement that throws unless spans <paramref name="first"/> and <paramref name="second"/> share no element.</summary>
        public static string Separate(LayerContext c, string first, string second) => Check(c, "CheckSeparate", first, second);

        /// <summary>The statement that throws unless the spans share no element or are the same span.</summary>
        public static string SameOrSeparate(LayerContext c, string first, string second) => Check(c, "CheckSameOrSeparate", first, second);

        private static string Check(LayerContext c, string method, string first, string second) =>
            $"{Names.Residuals}.{method}<{c.Tensor}>(nameof({first}), {first}, nameof({second}), {second});";

        /// <summary>The interface a layer with a residual implements (it extends the layer's <see cref="Names.Interface"/>), or
        /// null: of one type, or of the tensors' and the parameters' types for a Half layer.</summary>
        public static string? Interface(LayerContext c) =>
            c.Plan.Has(Planning.Overloads.Residual) ? $"global::NormGen.IResidualNormalizationLayer<{TypeArguments(c)}>"
            : c.Plan.Has(Planning.Overloads.Skip) ? $"global::NormGen.ISkipNormalizationLayer<{TypeArguments(c)}>"
            : null;

        private static string TypeArguments(LayerContext c) => c.Elements.Converts ? $"{c.Tensor}, {c.T}" : c.T;
    }
}
