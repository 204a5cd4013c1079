using static NormGen.Generator.Emitting.MemberNames;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// The element-wise passes of a channels-last layer on threads (<see cref="LayerContext.ParallelRows"/>): each
    /// thread takes one slice of the rows of every block, so an element is computed exactly as on one thread.
    /// </summary>
    internal static class RowSliceCalls
    {
        /// <summary>Declares <c>firstRow</c> and <c>endRow</c>, the slice's share of the <c>rows</c> of a block.</summary>
        public static void DeclareBounds(IndentedWriter w) => w.Template("""
            int firstRow = (int)((long)rows * slice / slices);
            int endRow = (int)((long)rows * (slice + 1) / slices);
            """);

        /// <summary>The twin handing the slices to the runtime. A method of its own, so the lambda's captures are
        /// allocated only when threads are used.</summary>
        public static void EmitOnThreads(IndentedWriter w, LayerContext c, string kernel, string parameters, string spans, string parallelRefs)
        {
            string T = c.Tensor;
            w.Template($$"""
                private void {{kernel}}OnThreads({{parameters}}{{CallBuffers.Parameters(c)}})
                {
                    {{Names.Parallel}}.RunSlices<{{T}}>({{ThreadsField}}, {{spans}}, (ref {{T}} input, ref {{T}} secondInput, ref {{T}} output, int slice, int slices) =>
                        {{kernel}}({{parallelRefs}}, slice, slices{{CallBuffers.Arguments(c)}}));
                }

                """);
        }
    }
}
