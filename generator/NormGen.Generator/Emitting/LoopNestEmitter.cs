using System;
using System.Collections.Generic;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>Offsets of the current position in the input, the statistics and the parameters.</summary>
    internal sealed record Offsets(string Input, string Statistic, string Parameter)
    {
        public static Offsets Zero { get; } = new("0", "0", "0");
    }

    /// <summary>Where the innermost loop starts in each array, and how long it is.</summary>
    internal sealed record RunBases(string Input, string Statistic, string Parameter, string Length, bool StatisticVaries, bool ParameterVaries);

    /// <summary>Writes the outer loops of a <see cref="LoopNest"/>, tracking the offset of the current run in the
    /// input, the statistics and the parameters, and hands the innermost loop to a <see cref="VectorLoop"/>.</summary>
    internal static class LoopNestEmitter
    {
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

                string index = "i" + Names.Int(d);
                w.Line("// " + dim.Label + Describe(dim));
                bool bounded = ranged && d == from;
                scopes.Add(w.Block("for (int " + index + " = " + (bounded ? "start" : "0") + "; " + index + " < " + (bounded ? "end" : dim.Extent.ToCode()) + "; " + index + "++)"));
                input = Advance(w, "x" + Names.Int(d), input, index, dim.InputStride);
                if (dim.StatisticStride is not null)
                {
                    statistic = Advance(w, "s" + Names.Int(d), statistic, index, dim.StatisticStride);
                }

                if (dim.ParameterStride is not null)
                {
                    parameter = Advance(w, "p" + Names.Int(d), parameter, index, dim.ParameterStride);
                }
            }

            inside(new Offsets(input, statistic, parameter));
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
                w.Line("// " + run.Label + Describe(run) + ", contiguous");
                innermost(new RunBases(offsets.Input, offsets.Statistic, offsets.Parameter, run.Extent.ToCode(), run.StatisticVaries, run.ParameterVaries));
            }, keptOnly);

        private static string Advance(IndentedWriter w, string name, string outer, string index, Extent stride)
        {
            string step = stride.IsConstant && stride.Constant == 1 ? index : index + " * " + stride.ToCode();
            w.Line("int " + name + " = " + (outer == "0" ? step : outer + " + " + step) + ";");
            return name;
        }

        private static string Describe(LoopDim dim)
        {
            string statistics = dim.StatisticVaries ? "a statistic per index" : "shares statistics";
            return dim.ParameterVaries ? ": " + statistics + ", a weight per index" : ": " + statistics;
        }
    }
}
