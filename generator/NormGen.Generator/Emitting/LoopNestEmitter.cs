using System;
using System.Collections.Generic;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>Offsets of the current position in the input, the statistics and the parameters.</summary>
    /// <remarks><paramref name="InLoop"/>: the position is inside a loop the nest opened, whose body is a scope of its own.</remarks>
    internal sealed record Offsets(string Input, string Statistic, string Parameter, bool InLoop = false)
    {
        public static Offsets Zero { get; } = new("0", "0", "0");
    }

    /// <summary>Where the innermost loop starts in each array, and how long it is.</summary>
    /// <remarks><paramref name="Alone"/>: the run is all the enclosing loop's body holds, so its locals need no block of
    /// their own; <paramref name="Label"/> describes the run's axis for a comment.</remarks>
    internal sealed record RunBases(
        string Input, string Statistic, string Parameter, string Length, bool StatisticVaries, bool ParameterVaries, bool Alone = false, string? Label = null);

    /// <summary>Writes the outer loops of a <see cref="LoopNest"/>, tracking the offset of the current run in the
    /// input, the statistics and the parameters, and hands the innermost loop to a <see cref="VectorLoop"/>.</summary>
    internal static class LoopNestEmitter
    {
        /// <summary>Declares, once at the top of a kernel, the locals of the products its loops over dims from
        /// <paramref name="from"/> on (up to <paramref name="to"/>) run to, and those of the strides of its dims up to
        /// <paramref name="to"/> (<see cref="KernelPlanner.WithExtentLocals"/>): <c>int plane = height * width;</c>.</summary>
        public static void DeclareExtents(IndentedWriter w, LoopNest nest, int from = 0, int? to = null)
        {
            var declared = new HashSet<string>();
            for (int d = 0; d < (to ?? nest.Depth); d++)
            {
                var dim = nest.Dims[d];
                foreach (var extent in new[] { d >= from ? dim.Extent : null, dim.InputStride, dim.StatisticStride, dim.ParameterStride })
                {
                    if (extent is { Local: { } local } && declared.Add(local))
                    {
                        w.Line($"int {local} = {extent.ProductCode()};");
                    }
                }
            }
        }

        /// <summary>Writes the loops; with <paramref name="keptOnly"/> the loops along which statistics are shared are
        /// left out (index 0), visiting the first element of every statistic once.</summary>
        public static void Emit(IndentedWriter w, LoopNest nest, Action<RunBases> innermost, bool keptOnly = false) =>
            EmitFrom(w, nest, 0, Offsets.Zero, innermost, keptOnly);

        /// <summary>Writes the loops of dims [<paramref name="from"/>, <paramref name="to"/>) and calls
        /// <paramref name="inside"/> with the offsets reached. With <paramref name="ranged"/> the first loop runs from
        /// the generated method's <c>start</c> to its <c>end</c> instead of over its whole extent.</summary>
        public static void EmitRange(IndentedWriter w, LoopNest nest, int from, int to, Offsets start, Action<Offsets> inside, bool keptOnly = false, bool ranged = false)
        {
            var scopes = new List<IDisposable>();
            string input = start.Input, statistic = start.Statistic, parameter = start.Parameter;
            for (int d = from; d < to; d++)
            {
                var dim = nest.Dims[d];
                if (keptOnly && !dim.StatisticVaries)
                {
                    continue;
                }

                string index = $"i{d}";
                bool bounded = ranged && d == from;
                scopes.Add(Block(w, $"for (int {index} = {(bounded ? "start" : "0")}; {index} < {(bounded ? "end" : dim.Extent.ToCode())}; {index}++)", dim.Label + Describe(dim)));
                input = Advance(w, $"x{d}", input, index, dim.InputStride);
                if (dim.StatisticStride is not null)
                {
                    statistic = Advance(w, $"s{d}", statistic, index, dim.StatisticStride);
                }

                if (dim.ParameterStride is not null)
                {
                    parameter = Advance(w, $"p{d}", parameter, index, dim.ParameterStride);
                }
            }

            inside(new Offsets(input, statistic, parameter, InLoop: scopes.Count > 0));
            for (int i = scopes.Count - 1; i >= 0; i--)
            {
                scopes[i].Dispose();
            }
        }

        /// <summary>Writes the loops of dims from <paramref name="from"/> on, the innermost handed to <paramref name="innermost"/>.</summary>
        public static void EmitFrom(IndentedWriter w, LoopNest nest, int from, Offsets start, Action<RunBases> innermost, bool keptOnly = false) =>
            EmitRange(w, nest, from, nest.Depth - 1, start, offsets =>
            {
                var run = nest.Innermost;
                w.Line($"// {run.Label}{Describe(run)}, contiguous");
                innermost(new RunBases(offsets.Input, offsets.Statistic, offsets.Parameter, run.Extent.ToCode(), run.StatisticVaries, run.ParameterVaries));
            }, keptOnly);

        /// <summary>Writes every run of the nest as the loops <paramref name="body"/> returns for it.</summary>
        public static void EmitRuns(IndentedWriter w, LoopNest nest, Func<RunBases, VectorLoop> body, bool keptOnly = false) =>
            EmitRunsFrom(w, nest, 0, Offsets.Zero, body, keptOnly);

        /// <summary>As <see cref="EmitRuns"/>, the loops of dims from <paramref name="from"/> on, the run alone in the
        /// innermost loop this writes (when it writes one).</summary>
        public static void EmitRunsFrom(IndentedWriter w, LoopNest nest, int from, Offsets start, Func<RunBases, VectorLoop> body, bool keptOnly = false) =>
            EmitEachRun(w, nest, from, start, run => body(run).Emit(w, run), keptOnly);

        /// <summary>The loops of dims from <paramref name="from"/> on, with <paramref name="write"/> writing each run (alone
        /// in the innermost loop this writes, when it writes one).</summary>
        public static void EmitEachRun(IndentedWriter w, LoopNest nest, int from, Offsets start, Action<RunBases> write, bool keptOnly = false) =>
            EmitRange(w, nest, from, nest.Depth - 1, start, offsets =>
            {
                var run = nest.Innermost;
                write(new RunBases(
                    offsets.Input, offsets.Statistic, offsets.Parameter, run.Extent.ToCode(), run.StatisticVaries, run.ParameterVaries,
                    Alone: offsets.InLoop, Label: $"{run.Label}{Describe(run)}, contiguous"));
            }, keptOnly);

        /// <summary>A loop's block, its comment on the header's line when it fits there.</summary>
        private static IDisposable Block(IndentedWriter w, string header, string comment)
        {
            if (LineWrapper.Fits(w.Depth, header.Length + comment.Length + 4))
            {
                return w.Block($"{header} // {comment}");
            }

            w.Line($"// {comment}");
            return w.Block(header);
        }

        /// <summary>The offset one loop deeper: a local named <paramref name="name"/>, or the loop's index itself when the
        /// offset is nothing else (no outer offset, stride 1).</summary>
        private static string Advance(IndentedWriter w, string name, string outer, string index, Extent stride)
        {
            string step = stride.IsConstant && stride.Constant == 1 ? index : $"{index} * {stride.ToCode()}";
            if (outer == "0" && step == index)
            {
                return index;
            }

            w.Line($"int {name} = {(outer == "0" ? step : $"{outer} + {step}")};");
            return name;
        }

        private static string Describe(LoopDim dim)
        {
            string statistics = dim.StatisticVaries ? "a statistic per index" : "shares statistics";
            return dim.ParameterVaries ? $": {statistics}, a weight per index" : $": {statistics}";
        }
    }
}
