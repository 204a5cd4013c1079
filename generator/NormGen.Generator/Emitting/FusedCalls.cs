using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// How Forward and Backward call the kernels that take one statistic at a time: the choice between them and the
    /// whole-tensor passes (<see cref="LayerContext.Fusion"/>), and the hand-over of a large call to threads.
    /// </summary>
    internal static class FusedCalls
    {
        /// <summary>Writes <paramref name="fused"/>, <paramref name="whole"/>, or both under the per-call condition,
        /// as the layer's <see cref="LayerContext.Fusion"/> asks. Both are statements, lines separated by \n.</summary>
        public static void EmitFusionChoice(IndentedWriter w, LayerContext c, string fused, string whole, string? comment = null)
        {
            switch (c.Fusion)
            {
                case StatisticFusion.Always:
                    w.Lines(fused);
                    break;
                case StatisticFusion.Never:
                    w.Lines(whole);
                    break;
                default:
                    if (comment is not null)
                    {
                        w.Line(comment);
                    }

                    using (w.Block("if (" + c.FusionCondition + ")"))
                    {
                        w.Lines(fused);
                    }

                    using (w.Block("else"))
                    {
                        w.Lines(whole);
                    }

                    break;
            }
        }

        /// <summary>A call of a statistic-at-a-time kernel over the whole split loop, or, when the layer may use several
        /// threads and the call is large enough, of its <c>OnThreads</c> twin (see <see cref="EmitOnThreads"/>).</summary>
        public static string Call(LayerContext c, string kernel, string spans, string refs) =>
            OnThreadsWhenLarge(c, kernel, spans, kernel + "(" + refs + ", 0, " + c.SplitExtent + CallBuffers.Arguments(c) + ");");

        /// <summary><paramref name="oneThread"/>, or the kernel's <c>OnThreads</c> twin when the layer may use several
        /// threads and the call has at least <c>MinimumElements</c> elements (<paramref name="size"/>: the generated
        /// expression for the call's element count).</summary>
        public static string OnThreadsWhenLarge(LayerContext c, string kernel, string spans, string oneThread, string size = "count") =>
            "if (_threads > 1 && " + size + " >= " + Names.Parallel + ".MinimumElements)\n{\n"
            + "\t" + kernel + "OnThreads(" + spans + CallBuffers.Arguments(c) + ");\n}\nelse\n{\n"
            + "\t" + oneThread + "\n}";

        /// <summary>The kernel shared among <paramref name="threads"/> threads by the runtime, over [0, <paramref name="extent"/>)
        /// of its split loop (by default <see cref="LayerContext.SplitExtent"/>). A method of its own, so the lambda's captures are
        /// allocated only when threads are used.</summary>
        public static void EmitOnThreads(IndentedWriter w, LayerContext c, string kernel, string parameters, string spans, string parallelRefs, string? extent = null, string threads = "_threads")
        {
            string T = c.Tensor;
            using (w.Block("private void " + kernel + "OnThreads(" + parameters + CallBuffers.Parameters(c) + ")"))
            {
                w.Line(Names.Parallel + ".Run<" + T + ">(" + threads + ", " + (extent ?? c.SplitExtent) + ", " + spans + ", (ref " + T + " input, ref " + T + " secondInput, ref " + T + " output, int start, int end) =>");
                w.Line("\t" + kernel + "(" + parallelRefs + ", start, end" + CallBuffers.Arguments(c) + "));");
            }

            w.Line();
        }
    }
}
