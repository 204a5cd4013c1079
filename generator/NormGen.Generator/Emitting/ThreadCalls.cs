using static NormGen.Generator.Emitting.MemberNames;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// The hand-over of a large call to threads: the calls of a kernel's <c>OnThreads</c> twin and the twin itself, which
    /// gives each thread a range of the kernel's split loop.
    /// </summary>
    internal static class ThreadCalls
    {
        /// <summary><paramref name="oneThread"/> (one statement), or the kernel's <c>OnThreads</c> twin when the layer may use
        /// several threads and the call has at least <c>MinimumElements</c> elements (<paramref name="size"/>: the generated
        /// expression for the call's element count).</summary>
        public static string OnThreadsWhenLarge(LayerContext c, string kernel, string spans, string oneThread, string size = "count") => $"""
            if ({ThreadsField} > 1 && {size} >= {Names.Parallel}.MinimumElements) {kernel}OnThreads({spans}{CallBuffers.Arguments(c)});
            else {oneThread}
            """;

        /// <summary>The kernel shared among <paramref name="threads"/> threads by the runtime, over [0, <paramref name="extent"/>)
        /// of its split loop (by default <see cref="LayerContext.SplitExtent"/>). A method of its own, so the lambda's captures are
        /// allocated only when threads are used.</summary>
        public static void EmitOnThreads(IndentedWriter w, LayerContext c, string kernel, string parameters, string spans, string parallelRefs, string? extent = null, string threads = ThreadsField)
        {
            string T = c.Tensor;
            w.Template($$"""
                private void {{kernel}}OnThreads({{parameters}}{{CallBuffers.Parameters(c)}})
                {
                    {{Names.Parallel}}.Run<{{T}}>({{threads}}, {{extent ?? c.SplitExtent}}, {{spans}}, (ref {{T}} input, ref {{T}} secondInput, ref {{T}} output, int start, int end) =>
                        {{kernel}}({{parallelRefs}}, start, end{{CallBuffers.Arguments(c)}}));
                }

                """);
        }
    }
}
