using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Channels-first fused, one read (<see cref="StatisticFusion.Always"/>): training Forward and Backward finish one
    /// statistic at a time, its values read from memory once and again from cache, so a statistic's range of the
    /// outermost loop can go to a thread of its own. A statistic's sums are taken around a pivot, in one pass with a second
    /// from cache only when the first would cancel. Eval mode normalises with the whole-tensor kernel of the
    /// layer's access, the strategy it is given.
    /// </summary>
    internal sealed class FusedStrategy(LayerContext context, KernelStrategy wholeTensor) : KernelStrategy(context)
    {
        public override void EmitTrainingForward(IndentedWriter w) =>
            w.Lines(KernelCalls.CallOnThreadsWhenLarge(Context, Kernel(MemberNames.NormalizeWithBatchStatistics)));

        public override void EmitBatchStatistics(IndentedWriter w) =>
            w.Lines(KernelCalls.CallWhole(Context, Kernel(MemberNames.BatchStatisticsOneByOne)));

        public override void EmitBatchGradient(IndentedWriter w) =>
            w.Lines(KernelCalls.CallOnThreadsWhenLarge(Context, Kernel(MemberNames.BackwardWithBatchStatistics)));

        public override string NormalizeCall() => wholeTensor.NormalizeCall();

        public override void EmitAddNormalizeShortcut(IndentedWriter w) => EmitAddNormalizeShortcut(w, sizeCondition: null);

        public override void EmitForwardKernels(IndentedWriter w)
        {
            var c = Context;
            EmitNormalizeFused(w, addsResidual: false);
            if (c.Plan.Has(Kernels.AddNormalizeWithBatchStatistics))
            {
                EmitNormalizeFused(w, addsResidual: true);
            }

            if (c.Plan.Has(Kernels.BatchStatisticsOneByOne))
            {
                EmitStatisticsFused(w);
            }

            EmitOnThreadsTwin(w, MemberNames.NormalizeWithBatchStatistics);
        }

        public override void EmitNormalizeKernel(IndentedWriter w) => wholeTensor.EmitNormalizeKernel(w);

        public override void EmitBackwardKernels(IndentedWriter w)
        {
            var c = Context;
            EmitBackward(w);
            EmitOnThreadsTwin(w, MemberNames.BackwardWithBatchStatistics);
        }

        /// <summary>The residual before the norm on a layer that takes one statistic at a time: s written, then its statistic
        /// and y taken from cache, on the calling thread (with threads, a large call writes s in a pass of its own, then
        /// normalises it on threads). Eval mode of a layer with running statistics takes the plain path. With
        /// <paramref name="sizeCondition"/>, only calls whose statistics are that small.</summary>
        public void EmitAddNormalizeShortcut(IndentedWriter w, string? sizeCondition)
        {
            var c = Context;
            string threads = $"_threads <= 1 || count < {Names.Parallel}.MinimumElements";
            string condition = c.Tracks || sizeCondition is not null
                ? $"{(c.Tracks ? "Training && " : "")}{(sizeCondition is null ? "" : $"{sizeCondition} && ")}({threads})"
                : threads;
            string call = KernelCalls.CallWhole(c, Kernel(MemberNames.AddNormalizeWithBatchStatistics), ("input", "x"), ("x", "s"));
            w.Line("// One statistic at a time: s = x + r written, then its statistic and y from cache.");
            using (w.Block($"if ({condition})"))
            {
                w.Template($$"""
                    ref {{c.Tensor}} x = ref {{Names.MemoryMarshal}}.GetReference(input);
                    ref {{c.Tensor}} res = ref {{Names.MemoryMarshal}}.GetReference(residual);
                    ref {{c.Tensor}} s = ref {{Names.MemoryMarshal}}.GetReference(sum);
                    ref {{c.Tensor}} y = ref {{Names.MemoryMarshal}}.GetReference(output);
                    """);
                if (c.Tracks)
                {
                    // Training only (the condition says so): eval mode normalises with the running statistics.
                    ForwardEmitter.DeclareOwnBuffers(w, c);
                    w.Line(call);
                    w.Line($"UpdateRunningStatistics({CallBuffers.Local}{c.DimensionArguments});");
                    ForwardEmitter.EmitTrainingMarks(w, c);
                }
                else
                {
                    using (w.Block("if (Training)"))
                    {
                        ForwardEmitter.DeclareOwnBuffers(w, c);
                        w.Line(call);
                        ForwardEmitter.EmitTrainingMarks(w, c);
                    }

                    using (w.Block("else"))
                    {
                        ForwardEmitter.EmitEvalMark(w);
                        CallBuffers.DeclareThreads(w, c, c.StatisticCount.ToCode());
                        w.Line(call);
                    }
                }

                w.Line("return;");
            }

            w.Line();
        }

        /// <summary>Statistics and normalisation one statistic at a time: its values are read from memory once, then
        /// summed, squared and normalised from cache.</summary>
        private void EmitNormalizeFused(IndentedWriter w, bool addsResidual)
        {
            var c = Context;
            int depth = c.StatisticMajorDepth;
            if (addsResidual)
            {
                w.Line("// For each statistic: s = input + res into x, then as NormalizeWithBatchStatistics on x, from cache.");
            }

            w.Line(c.Centered
                ? $"// For each statistic: mean, invStd (leaving sum((x - mean)^2) in _sum), then y = (x - mean) * invStd{(c.Affine ? " * weight + bias" : "")}{ForwardEmitter.ThenActivation(c)}."
                : $"// For each statistic: invStd from the mean square (leaving sum(x^2) in _sum), then y = x * invStd{(c.Affine ? " * weight" : "")}{ForwardEmitter.ThenActivation(c)}.");
            w.Line("// Statistics [start, end) of the outermost loop, so that threads can share them.");
            KernelSnippets.NotInlined(w);
            var kernel = Kernel(addsResidual ? MemberNames.AddNormalizeWithBatchStatistics : MemberNames.NormalizeWithBatchStatistics);
            using (w.Block(KernelCalls.Declaration(c, kernel)))
            {
                LoopNestKernels.DeclareNormalizeArrays(w, c);
                KernelSnippets.DeclareStatistics(w, c, "_sum");
                KernelSnippets.DeclareInverseCount(w, c);
                var innermost = c.StatisticMajorNest.Innermost;
                if (addsResidual || c.Names.Elements.Converts || !VectorLoopBodies.NormalizeByCall(c, innermost))
                {
                    KernelSnippets.DeclareLanes(w, c);
                }

                LoopNestEmitter.DeclareExtents(w, c.StatisticMajorNest, from: UnsplitFrom);
                LoopNestEmitter.EmitRange(w, c.StatisticMajorNest, 0, depth, Offsets.Zero, at =>
                {
                    if (addsResidual)
                    {
                        LoopNestEmitter.EmitRunsFrom(w, c.StatisticMajorNest, depth, at, run => VectorLoopBodies.ResidualSum(c, run));
                    }

                    EmitOneStatistic(w, at);
                    LoopNestEmitter.EmitEachRun(w, c.StatisticMajorNest, depth, at, run => VectorLoopBodies.EmitNormalizeRun(w, c, innermost, run));
                }, ranged: true);
            }

            w.Line();
        }

        /// <summary>The statistics of <see cref="EmitNormalizeFused"/> alone, for Backward in eval mode.</summary>
        private void EmitStatisticsFused(IndentedWriter w)
        {
            var c = Context;
            w.Line(c.Centered
                ? "// For each statistic: mean, invStd (leaving sum((x - mean)^2) in Sum), as NormalizeWithBatchStatistics takes them."
                : "// For each statistic: invStd from the mean square (leaving sum(x^2) in Sum), as NormalizeWithBatchStatistics takes them.");
            KernelSnippets.NotInlined(w);
            using (w.Block(KernelCalls.Declaration(c, Kernel(MemberNames.BatchStatisticsOneByOne))))
            {
                KernelSnippets.DeclareStatistics(w, c, "_mean", "_invStd", "_sum");
                KernelSnippets.DeclareInverseCount(w, c);
                if (c.Names.Elements.Converts)
                {
                    KernelSnippets.DeclareLanes(w, c);
                }

                // The statistic loops but the split one, and the runs unless one block of ValuesPerStatistic is the statistic's values.
                LoopNestEmitter.DeclareExtents(w, c.StatisticMajorNest, from: UnsplitFrom, to: c.ContiguousStatistics ? c.StatisticMajorDepth : null);
                LoopNestEmitter.EmitRange(w, c.StatisticMajorNest, 0, c.StatisticMajorDepth, Offsets.Zero, at => EmitOneStatistic(w, at), ranged: true);
            }

            w.Line();
        }

        /// <summary>The first loop of the statistic-major nest a one-statistic-at-a-time kernel runs to its extent: the
        /// outermost one runs over [start, end) when statistics vary along it.</summary>
        private int UnsplitFrom => Context.StatisticMajorDepth > 0 ? 1 : 0;

        /// <summary><see cref="EmitOneStatistic"/> with the runtime's run reductions (<c>RunSums</c>): the loops over the
        /// statistic's runs stay here, each run is one call; a statistic of several runs adds them into sums
        /// (<c>RunSum</c>) that stay in registers across its runs, and totals them once.</summary>
        private void EmitOneStatisticByRuns(IndentedWriter w, Offsets at)
        {
            var c = Context;
            string T = c.T, s = at.Statistic, runSum = $"new {KernelSnippets.RunSum}<{T}>()", sums = KernelSnippets.RunSums;
            string mean = KernelSnippets.At("mean", s), sum = KernelSnippets.At("sum", s);
            string whole = KernelSnippets.RunStart(at.Input), count = c.ValuesPerStatistic.ToCode();
            if (!c.Centered)
            {
                w.Line("// RMSNorm: this statistic's mean square, sum(x^2) * inverseCount; the mean is 0.");
                w.Line($"{mean} = {c.Names.Zero};");
                EmitSumOfRuns(w, at, sum, $"{sums}.Squares({whole}, {count})", "squares", (start, length) => $"{sums}.AddSquares({start}, {length}, ref squares);");
                w.Line(KernelSnippets.InvStd(c, s, " * inverseCount"));
                return;
            }

            string firstRun = (c.ContiguousStatistics ? c.ValuesPerStatistic : c.StatisticMajorNest.Innermost.Extent).ToCode();
            string lanes = $"{c.Names.VectorT}.Count";
            w.Template($$"""
                // d = x - p around p, the mean of the first vector: m2 = sum(d^2) - sum(d)^2 / count, or, when that would cancel
                // more than half of sum(d^2), a second pass from cache sums (x - mean)^2.
                {{mean}} = {{firstRun}} >= {{lanes}} ? {{Names.Vector}}.Sum({{c.Names.LoadVector("x", at.Input)}}) * ({{c.Names.One}} / {{lanes}}) : {{c.Names.Read("x", at.Input)}};
                """);
            if (c.ContiguousStatistics)
            {
                w.Line($"{sum} = {sums}.ShiftedAndSquares({whole}, {count}, {mean}, out {T} squares);");
            }
            else
            {
                w.Line($"{KernelSnippets.RunSum}<{T}> shifted = default, squareSum = default;");
                EachRun(w, at, (start, length) => $"{sums}.AddShifted({start}, {length}, {mean}, ref shifted, ref squareSum);");
                w.Line($"{sum} = shifted.Total;");
                w.Line($"{T} squares = squareSum.Total;");
            }

            w.Template($$"""
                {{T}} shift = {{sum}} * inverseCount;
                {{mean}} += shift;
                {{sum}} = squares - shift * {{sum}};
                """);
            KernelSnippets.Loop(w, $"if ({sum} < squares * {c.Names.Literal(0.5)})", body => EmitSumOfRuns(
                body, at, sum, $"{sums}.SquaredDeviations({whole}, {count}, {mean})", "deviations",
                (start, length) => $"{sums}.AddSquaredDeviations({start}, {length}, {mean}, ref deviations);"));
            w.Line(KernelSnippets.InvStd(c, s, " * inverseCount"));
        }

        /// <summary><paramref name="sum"/> = the statistic's sum: <paramref name="alone"/> when its values are one run, else
        /// the runs added into the registers <paramref name="registers"/> and totalled.</summary>
        private void EmitSumOfRuns(IndentedWriter w, Offsets at, string sum, string alone, string registers, System.Func<string, string, string> add)
        {
            if (Context.ContiguousStatistics)
            {
                w.Line($"{sum} = {alone};");
                return;
            }

            w.Line($"var {registers} = new {KernelSnippets.RunSum}<{Context.T}>();");
            EachRun(w, at, add);
            w.Line($"{sum} = {registers}.Total;");
        }

        /// <summary>Writes the statement <paramref name="call"/> makes of each run's start (a reference into x) and length,
        /// for every run of the statistic at <paramref name="at"/>, in the inner loops of the statistic-major nest.</summary>
        private void EachRun(IndentedWriter w, Offsets at, System.Func<string, string, string> call)
        {
            var c = Context;
            var nest = c.StatisticMajorNest;
            LoopNestEmitter.EmitRange(w, nest, c.StatisticMajorDepth, nest.Depth - 1, at, run => w.Line(call(KernelSnippets.RunStart(run.Input), nest.Innermost.Extent.ToCode())));
        }

        /// <summary>The statistic at <paramref name="at"/>, from its values alone (one run when they are a contiguous
        /// block, else every run of them: the inner loops of the statistic-major nest): one pass around a pivot, and a
        /// second from cache only when the first would cancel. Leaves sum((x - mean)^2) in sum. A 16-bit tensor's values are
        /// widened in generated loops; others are summed by the runtime's <c>RunSums</c> (<see cref="EmitOneStatisticByRuns"/>).</summary>
        private void EmitOneStatistic(IndentedWriter w, Offsets at)
        {
            var c = Context;
            if (!c.Names.Elements.Converts)
            {
                EmitOneStatisticByRuns(w, at);
                return;
            }

            string T = c.T, s = at.Statistic;
            string mean = KernelSnippets.At("mean", s), sum = KernelSnippets.At("sum", s);
            if (!c.Centered)
            {
                w.Line("// RMSNorm: this statistic's mean square, sum(x^2) * inverseCount, from one pass; the mean is 0.");
                w.Line($"{mean} = {c.Names.Zero};");
                EmitSum(w, at, (run, into, _) => VectorLoopBodies.SumOfSquares(c, run, into));
                w.Line(KernelSnippets.InvStd(c, s, " * inverseCount"));
                return;
            }

            w.Template($$"""
                // This statistic's values{{(c.ContiguousStatistics ? "" : ", run by run")}}: d = x - p around p, the mean of its first vector; m2 = sum(d^2) - sum(d)^2 / count,
                // or, when that would cancel more than half of sum(d^2), a second pass from cache sums (x - mean)^2.
                """);
            string firstRun = (c.ContiguousStatistics ? c.ValuesPerStatistic : c.StatisticMajorNest.Innermost.Extent).ToCode();
            string lanes = $"{c.Names.VectorT}.Count";
            w.Line($"{mean} = {firstRun} >= {lanes} ? {Names.Vector}.Sum({c.Names.LoadVector("x", at.Input)}) * ({c.Names.One} / {lanes}) : {c.Names.Read("x", at.Input)};");
            w.Line($"{T} squares = {c.Names.Zero};");
            EmitSum(w, at, (run, into, intoSquares) => VectorLoopBodies.ShiftedSumAndSquares(c, run, into, intoSquares), squares: "squares");
            w.Template($$"""
                {{T}} shift = {{sum}} * inverseCount;
                {{mean}} += shift;
                {{sum}} = squares - shift * {{sum}};
                """);
            using (w.Block($"if ({sum} < squares * {c.Names.Literal(0.5)})"))
            {
                EmitSum(w, at, (run, into, _) => VectorLoopBodies.Squares(c.Names, run, into));
            }

            w.Line(KernelSnippets.InvStd(c, s, " * inverseCount"));
        }

        /// <summary>sum[s] = the kernel's sum over the statistic's values: one run, or every run into registers
        /// declared around them (total, and totalSquares with <paramref name="squares"/>), totalled once at the end. With
        /// <paramref name="squares"/>, the kernel also sums into that local (one run) or into totalSquares (every run).</summary>
        private void EmitSum(IndentedWriter w, Offsets at, System.Func<RunBases, VectorRegisters?, VectorRegisters?, VectorLoop> kernel, string? squares = null)
        {
            var c = Context;
            if (c.ContiguousStatistics)
            {
                w.Line($"{KernelSnippets.At("sum", at.Statistic)} = {c.Names.Zero};");
                var run = new RunBases(at.Input, at.Statistic, "0", c.ValuesPerStatistic.ToCode(), false, false);
                kernel(run, null, null).Emit(w, run);
                return;
            }

            using (w.Braces())
            {
                var total = new VectorRegisters("total", VectorLoop.DefaultUnroll);
                var totalSquares = squares is null ? null : new VectorRegisters("totalSquares", VectorLoop.DefaultUnroll);
                total.Declare(w, c.Names);
                totalSquares?.Declare(w, c.Names);
                LoopNestEmitter.EmitRunsFrom(w, c.StatisticMajorNest, c.StatisticMajorDepth, at, run => kernel(run, total, totalSquares));
                w.Line($"{KernelSnippets.At("sum", at.Statistic)} = {total.Total()};");
                if (totalSquares is not null)
                {
                    w.Line($"{squares} = {totalSquares.Total()};");
                }
            }
        }

        /// <summary>Both passes one statistic at a time, its values read from memory once and again from cache.</summary>
        private void EmitBackward(IndentedWriter w)
        {
            var c = Context;
            string T = c.T;
            int depth = c.StatisticMajorDepth;
            var nest = c.StatisticMajorNest;
            w.Line(c.Centered
                ? "// For each statistic: mean(g) and mean(g * xhat) over its values, then dx = invStd * (g - mean(g) - xhat * mean(g * xhat))."
                : "// For each statistic: mean(g * xhat) over its values, then dx = invStd * (g - xhat * mean(g * xhat)), xhat = x * invStd (RMSNorm).");
            if (c.BackwardThroughActivation)
            {
                string kept = c.KeepsActivationGradient ? "; the first pass leaves dz in dx for the second." : ".";
                w.Line($"// g and the weight gradients take {KernelSnippets.ActivationGradient(c).Replace("'(z), z", "'(z) in place of dy, z")} recomputed from x{kept}");
            }

            w.Line($"// Statistics [start, end) of the outermost loop{(c.ParallelBackward ? ", so that threads can share them." : ".")}");
            KernelSnippets.NotInlined(w);
            using (w.Block(KernelCalls.Declaration(c, Kernel(MemberNames.BackwardWithBatchStatistics))))
            {
                LoopNestKernels.DeclareGradientArrays(w, c, batchStatistics: true);
                KernelSnippets.DeclareInverseCount(w, c);
                if (!VectorLoopBodies.GradientSumsByCall(c, nest.Innermost, c.KeepsActivationGradient)
                    || !VectorLoopBodies.InputGradientByCall(c, nest.Innermost, batchStatistics: true))
                {
                    KernelSnippets.DeclareLanes(w, c);
                }

                LoopNestEmitter.DeclareExtents(w, nest, from: UnsplitFrom);
                LoopNestEmitter.EmitRange(w, nest, 0, depth, Offsets.Zero, at =>
                {
                    if (c.Centered)
                    {
                        w.Line($"{KernelSnippets.At("sum", at.Statistic)} = {c.Names.Zero};");
                    }

                    w.Line($"{KernelSnippets.At("sumXhat", at.Statistic)} = {c.Names.Zero};");
                    LoopNestEmitter.EmitEachRun(w, nest, depth, at,
                        run => VectorLoopBodies.EmitGradientSumsRun(w, c, nest.Innermost, run, batchStatistics: true, c.KeepsActivationGradient));
                    if (c.Centered)
                    {
                        w.Line($"{KernelSnippets.At("sum", at.Statistic)} *= inverseCount;");
                    }

                    w.Line($"{KernelSnippets.At("sumXhat", at.Statistic)} *= inverseCount;");
                    LoopNestEmitter.EmitEachRun(w, nest, depth, at,
                        run => VectorLoopBodies.EmitInputGradientRun(w, c, nest.Innermost, run, batchStatistics: true, c.KeepsActivationGradient));
                }, ranged: true);
            }

            w.Line();
        }
    }
}
