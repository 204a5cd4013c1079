using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// The innermost-loop bodies of every kernel, each written once and used both by the full passes over the
    /// tensor and by the per-statistic passes that finish one contiguous statistic while it is in cache. Each declares
    /// its operands on a <see cref="VectorLoop"/> (the names are the generated locals'), then its sums and stores.
    /// </summary>
    internal static class VectorLoopBodies
    {
        /// <summary>sum += x - pivot, where mean holds the pivot (layers and scalers).</summary>
        public static VectorLoop ShiftedSum(Names names, RunBases run)
        {
            var loop = new VectorLoop(names);
            var x = loop.Read("xv", "x", run.Input, true);
            var pivot = loop.Read("pivot", "mean", run.Statistic, run.StatisticVaries);
            loop.Accumulate("sum", run.Statistic, run.StatisticVaries, x - pivot);
            return loop;
        }

        /// <summary>sum += d and squares += d^2 with d = x - pivot (mean holds the pivot), in one pass; into the caller's
        /// registers <paramref name="into"/> and <paramref name="intoSquares"/> when given.</summary>
        public static VectorLoop ShiftedSumAndSquares(LayerContext c, RunBases run, VectorRegisters? into = null, VectorRegisters? intoSquares = null)
        {
            var loop = new VectorLoop(c.Names);
            var x = loop.Read("xv", "x", run.Input, true);
            var pivot = loop.Read("pivot", "mean", run.Statistic, run.StatisticVaries);
            var d = loop.Let("d", x - pivot);
            if (into is null)
            {
                loop.Accumulate("sum", run.Statistic, run.StatisticVaries, d);
                loop.AccumulateLocal("squares", d * d);
                return loop;
            }

            loop.AccumulateInto(into, d);
            loop.AccumulateInto(intoSquares ?? throw new System.ArgumentNullException(nameof(intoSquares), $"Summing into the registers '{into.Name}' needs registers for the squares too."), d * d);
            return loop;
        }

        /// <summary><paramref name="sum"/> += (x - mean)^2 (layers and scalers); into the caller's registers when
        /// <paramref name="into"/> is given.</summary>
        public static VectorLoop Squares(Names names, RunBases run, VectorRegisters? into = null, string sum = "sum")
        {
            var loop = new VectorLoop(names);
            var x = loop.Read("xv", "x", run.Input, true);
            var m = loop.Read("m", "mean", run.Statistic, run.StatisticVaries);
            var d = loop.Let("d", x - m);
            return Sum(loop, run, into, d * d, sum);
        }

        /// <summary>sum += x^2 (RMSNorm); into the caller's registers when <paramref name="into"/> is given.</summary>
        public static VectorLoop SumOfSquares(LayerContext c, RunBases run, VectorRegisters? into = null)
        {
            var loop = new VectorLoop(c.Names);
            var v = loop.Let("v", loop.Read("xv", "x", run.Input, true));
            return Sum(loop, run, into, v * v, "sum");
        }

        private static VectorLoop Sum(VectorLoop loop, RunBases run, VectorRegisters? into, LoopValue term, string sum)
        {
            if (into is null)
            {
                loop.Accumulate(sum, run.Statistic, run.StatisticVaries, term);
            }
            else
            {
                loop.AccumulateInto(into, term);
            }

            return loop;
        }

        /// <summary>y = (x - mean) * (invStd * weight) + bias; RMSNorm: y = x * (invStd * weight); plus the residual r
        /// when it comes before the activation; then the activation.</summary>
        public static VectorLoop Normalize(LayerContext c, RunBases run)
        {
            var loop = new VectorLoop(c.Names);
            var z = PreActivation(c, loop, run, withResidual: true);
            loop.Store("y", run.Input, ActivationCalls.Apply(c, z));
            return loop;
        }

        /// <summary>Whether <see cref="EmitNormalizeRun"/> takes a run by one call: a centred affine layer without an
        /// activation or a residual, whose statistic and parameters are constant along the run, on a tensor of the compute type.</summary>
        public static bool NormalizeByCall(LayerContext c, LoopDim run) =>
            c.Centered && c.Affine && c.HasBias && !c.HasActivation && !c.ResidualBeforeActivation && Constant(c, run);

        /// <summary>The run's normalisation: one call of the runtime's <c>RunMaps.Normalize</c> where
        /// <see cref="NormalizeByCall"/> says so, else the loops of <see cref="Normalize"/>.</summary>
        public static void EmitNormalizeRun(IndentedWriter w, LayerContext c, LoopDim innermost, RunBases run)
        {
            if (!NormalizeByCall(c, innermost))
            {
                Normalize(c, run).Emit(w, run);
                return;
            }

            string s = run.Statistic, p = run.Parameter;
            w.Line($"{KernelSnippets.RunMaps}.Normalize({KernelSnippets.RunStart(run.Input)}, {KernelSnippets.RunStart(run.Input, "y")}, {run.Length}, "
                + $"{KernelSnippets.At("mean", s)}, {KernelSnippets.At("invStd", s)} * {KernelSnippets.At("weight", p)}, {KernelSnippets.At("bias", p)});");
        }

        /// <summary>Whether <see cref="EmitInputGradientRun"/> takes a run by one call: without an activation's derivative,
        /// with the run's statistic and weight constant, on a tensor of the compute type; centred with batch statistics.</summary>
        public static bool InputGradientByCall(LayerContext c, LoopDim run, bool batchStatistics) =>
            !c.BackwardThroughActivation && (c.Centered || !batchStatistics) && Constant(c, run);

        /// <summary>The run's input gradient: one call of the runtime's <c>RunMaps.InputGradient</c> (batch statistics) or
        /// <c>RunMaps.Scale</c> (running statistics) where <see cref="InputGradientByCall"/> says so, else the loops of
        /// <see cref="InputGradient"/>.</summary>
        public static void EmitInputGradientRun(IndentedWriter w, LayerContext c, LoopDim innermost, RunBases run, bool batchStatistics, bool activationGradientInDx = false)
        {
            if (!InputGradientByCall(c, innermost, batchStatistics) || activationGradientInDx)
            {
                InputGradient(c, run, batchStatistics, activationGradientInDx).Emit(w, run);
                return;
            }

            string s = run.Statistic, invStd = KernelSnippets.At("invStd", s), dy = KernelSnippets.RunStart(run.Input, "dy"), dx = KernelSnippets.RunStart(run.Input, "dx");
            string weight = c.Affine ? KernelSnippets.At("weight", run.Parameter) : c.Names.One;
            w.Line(batchStatistics
                ? $"{KernelSnippets.RunMaps}.InputGradient({KernelSnippets.RunStart(run.Input)}, {dy}, {dx}, {run.Length}, {KernelSnippets.At("mean", s)}, {invStd}, "
                    + $"{weight}, {KernelSnippets.At("sum", s)}, {KernelSnippets.At("sumXhat", s)});"
                : $"{KernelSnippets.RunMaps}.Scale({dy}, {dx}, {run.Length}, {(c.Affine ? $"{weight} * {invStd}" : invStd)});");
        }

        /// <summary>The run's statistic and parameters are constants along it, and its tensors of the compute type.</summary>
        private static bool Constant(LayerContext c, LoopDim run) => !run.StatisticVaries && !run.ParameterVaries && !c.Names.Elements.Converts;

        /// <summary>x = input + res: the residual before the norm, written where the statistic then reads it.</summary>
        public static VectorLoop ResidualSum(LayerContext c, RunBases run)
        {
            var loop = new VectorLoop(c.Names);
            var input = loop.Read("iv", "input", run.Input, true);
            var residual = loop.Read("rv", "res", run.Input, true);
            loop.Store("x", run.Input, input + residual);
            return loop;
        }

        /// <summary>The residual's gradient dr = dy * act'(z), z = norm(x) + r, which is also the gradient the normalisation
        /// takes in place of dy (<see cref="LayerContext.ResidualGradientPass"/>). <paramref name="withResidual"/> false
        /// takes r = 0 (the plain Backward) and writes dz to dx.</summary>
        public static VectorLoop ResidualGradient(LayerContext c, RunBases run, bool withResidual)
        {
            var loop = new VectorLoop(c.Names);
            var z = PreActivation(c, loop, run, withResidual);
            var dy = loop.Read("dyv", "dy", run.Input, true);
            loop.Store(withResidual ? "dr" : "dx", run.Input, ActivationCalls.Backward(c, z, dy));
            return loop;
        }

        /// <summary>Reads the operands of the pre-activation z = (x - mean) * invStd * weight + bias (+ r) and returns z.</summary>
        private static LoopValue PreActivation(LayerContext c, VectorLoop loop, RunBases run, bool withResidual)
        {
            var x = loop.Read("xv", "x", run.Input, true);
            LoopValue affine;
            if (!c.Centered)
            {
                var inv = loop.Read("inv", "invStd", run.Statistic, run.StatisticVaries);
                affine = c.Affine ? x * loop.Let("scale", inv * loop.Read("g", "weight", run.Parameter, run.ParameterVaries)) : x * inv;
            }
            else
            {
                var m = loop.Read("m", "mean", run.Statistic, run.StatisticVaries);
                var inv = loop.Read("inv", "invStd", run.Statistic, run.StatisticVaries);
                if (!c.Affine)
                {
                    affine = (x - m) * inv;
                }
                else
                {
                    var g = loop.Read("g", "weight", run.Parameter, run.ParameterVaries);
                    var b = loop.Read("b", "bias", run.Parameter, run.ParameterVaries);
                    affine = (x - m) * loop.Let("scale", inv * g) + b;
                }
            }

            return c.ResidualBeforeActivation && withResidual ? affine + loop.Read("rv", "res", run.Input, true) : affine;
        }

        /// <summary>weightGrad += dy * xhat, biasGrad += dy; with batch statistics also, per statistic,
        /// sum += g and sumXhat += g * xhat, where g = dy * weight. With <paramref name="keepActivationGradient"/>, also
        /// dx = dz: the input-gradient pass that follows reads it back.</summary>
        public static VectorLoop GradientSums(LayerContext c, RunBases run, bool batchStatistics, bool keepActivationGradient = false)
        {
            var loop = new VectorLoop(c.Names);
            var dy = c.Centered ? CenteredGradientSums(c, loop, run, batchStatistics) : UncenteredGradientSums(c, loop, run, batchStatistics);
            if (keepActivationGradient)
            {
                loop.Store("dx", run.Input, dy);
            }

            return loop;
        }

        /// <summary>Whether <see cref="EmitGradientSumsCall"/> takes a run: a centred layer without an activation's
        /// derivative, whose statistic and weight are constant along the run, on a tensor of the compute type.</summary>
        public static bool GradientSumsByCall(LayerContext c, LoopDim run, bool keepActivationGradient = false) =>
            c.Centered && !c.BackwardThroughActivation && !keepActivationGradient && Constant(c, run);

        /// <summary>The run's gradient sums: one call where <see cref="GradientSumsByCall"/> says so, else the loops of
        /// <see cref="GradientSums"/>.</summary>
        public static void EmitGradientSumsRun(IndentedWriter w, LayerContext c, LoopDim innermost, RunBases run, bool batchStatistics, bool keepActivationGradient = false)
        {
            if (GradientSumsByCall(c, innermost, keepActivationGradient))
            {
                EmitGradientSumsCall(w, c, run, batchStatistics);
            }
            else
            {
                GradientSums(c, run, batchStatistics, keepActivationGradient).Emit(w, run);
            }
        }

        /// <summary>The run's sums as <see cref="GradientSums"/> takes them, from one call of the runtime's
        /// <c>RunSums.GradientSums</c> (sum(dy * xhat) and sum(dy) over the run), added where they belong.</summary>
        private static void EmitGradientSumsCall(IndentedWriter w, LayerContext c, RunBases run, bool batchStatistics)
        {
            string T = c.T, s = run.Statistic, p = run.Parameter;
            w.Line($"{T} dyXhat = {KernelSnippets.RunSums}.GradientSums({KernelSnippets.RunStart(run.Input)}, {KernelSnippets.RunStart(run.Input, "dy")}, "
                + $"{run.Length}, {KernelSnippets.At("mean", s)}, {KernelSnippets.At("invStd", s)}, out {T} dySum);");
            string g = "";
            if (c.Affine)
            {
                w.Line($"{KernelSnippets.At("weightGrad", p)} += dyXhat;");
                w.Line($"{KernelSnippets.At("biasGrad", p)} += dySum;");
                g = $"{KernelSnippets.At("weight", p)} * ";
            }

            if (batchStatistics)
            {
                w.Line($"{KernelSnippets.At("sum", s)} += {g}dySum;");
                w.Line($"{KernelSnippets.At("sumXhat", s)} += {g}dyXhat;");
            }
        }

        /// <summary>Returns the output gradient the sums take (dz with an activation).</summary>
        private static LoopValue CenteredGradientSums(LayerContext c, VectorLoop loop, RunBases run, bool batchStatistics)
        {
            var x = loop.Read("xv", "x", run.Input, true);
            var outputGradient = loop.Read(OutputGradient(c), "dy", run.Input, true);
            var m = loop.Read("m", "mean", run.Statistic, run.StatisticVaries);
            var inv = loop.Read("inv", "invStd", run.Statistic, run.StatisticVaries);
            var xhat = loop.Let("xhat", (x - m) * inv);
            var g = c.Affine ? loop.Read("g", "weight", run.Parameter, run.ParameterVaries) : null;
            var dy = ThroughActivation(c, loop, run, xhat, g, outputGradient);
            if (g is null)
            {
                if (batchStatistics)
                {
                    loop.Accumulate("sum", run.Statistic, run.StatisticVaries, dy);
                    loop.Accumulate("sumXhat", run.Statistic, run.StatisticVaries, dy * xhat);
                }

                return dy;
            }

            var weightGrad = loop.Accumulate("weightGrad", run.Parameter, run.ParameterVaries, dy * xhat);
            var biasGrad = loop.Accumulate("biasGrad", run.Parameter, run.ParameterVaries, dy);
            if (!batchStatistics)
            {
                return dy;
            }

            if (weightGrad is not null && biasGrad is not null && !run.StatisticVaries)
            {
                // The weight is constant along the run: the statistic sums are the weight sums scaled by it.
                loop.After($"{KernelSnippets.At("sum", run.Statistic)} += {g.Name} * {biasGrad.Name};");
                loop.After($"{KernelSnippets.At("sumXhat", run.Statistic)} += {g.Name} * {weightGrad.Name};");
                return dy;
            }

            var gdy = loop.Let("gdy", g * dy);
            loop.Accumulate("sum", run.Statistic, run.StatisticVaries, gdy);
            loop.Accumulate("sumXhat", run.Statistic, run.StatisticVaries, gdy * xhat);
            return dy;
        }

        /// <summary>RMSNorm (xhat = x * invStd): weightGrad += dy * xhat; with batch statistics also, per statistic,
        /// sumXhat += g * xhat. No bias, and no sum of g: the mean was not subtracted, so its gradient term is absent.
        /// Returns the output gradient the sums take (dz with an activation).</summary>
        private static LoopValue UncenteredGradientSums(LayerContext c, VectorLoop loop, RunBases run, bool batchStatistics)
        {
            var x = loop.Read("xv", "x", run.Input, true);
            var outputGradient = loop.Read(OutputGradient(c), "dy", run.Input, true);
            var inv = loop.Read("inv", "invStd", run.Statistic, run.StatisticVaries);
            var xhat = loop.Let("xhat", x * inv);
            var g = c.Affine ? loop.Read("g", "weight", run.Parameter, run.ParameterVaries) : null;
            var dy = ThroughActivation(c, loop, run, xhat, g, outputGradient);
            if (g is null)
            {
                if (batchStatistics)
                {
                    loop.Accumulate("sumXhat", run.Statistic, run.StatisticVaries, dy * xhat);
                }

                return dy;
            }

            var weightGrad = loop.Accumulate("weightGrad", run.Parameter, run.ParameterVaries, dy * xhat);
            if (!batchStatistics)
            {
                return dy;
            }

            if (weightGrad is not null && !run.StatisticVaries)
            {
                // The weight is constant along the run: the statistic's sum is the weight's scaled by it.
                loop.After($"{KernelSnippets.At("sumXhat", run.Statistic)} += {g.Name} * {weightGrad.Name};");
                return dy;
            }

            loop.Accumulate("sumXhat", run.Statistic, run.StatisticVaries, g * dy * xhat);
            return dy;
        }

        /// <summary>The name the output gradient is read under: dyv, or without the activation's derivative dyIn.</summary>
        private static string OutputGradient(LayerContext c) => c.BackwardThroughActivation ? "dyIn" : "dyv";

        /// <summary>With an activation, dyv = dy * act'(z), z = xhat * weight + bias recomputed from xhat, the weight
        /// <paramref name="g"/> (and the bias, read here): every later term takes the gradient at the pre-activation.
        /// Without one, <paramref name="outputGradient"/> itself.</summary>
        private static LoopValue ThroughActivation(LayerContext c, VectorLoop loop, RunBases run, LoopValue xhat, LoopValue? g, LoopValue outputGradient)
        {
            if (!c.BackwardThroughActivation)
            {
                return outputGradient;
            }

            var b = c.HasBias ? loop.Read("b", "bias", run.Parameter, run.ParameterVaries) : null;
            var z = loop.Let("z", ActivationCalls.PreActivation(xhat, c.Affine ? g : null, b));
            return loop.Let("dyv", ActivationCalls.Backward(c, z, outputGradient));
        }

        /// <summary>Batch statistics: dx = invStd * (g - mean(g) - xhat * mean(g * xhat)), with sum and sumXhat
        /// holding those means; RMSNorm: dx = invStd * (g - xhat * mean(g * xhat)). Running statistics: dx = g * invStd.</summary>
        /// <remarks>With <paramref name="activationGradientInDx"/>, dx already holds dz (written by
        /// <see cref="GradientSums"/>), which stands for dy.</remarks>
        public static VectorLoop InputGradient(LayerContext c, RunBases run, bool batchStatistics, bool activationGradientInDx = false)
        {
            var loop = new VectorLoop(c.Names);
            var outputGradient = activationGradientInDx
                ? loop.Read("dyv", "dx", run.Input, true)
                : loop.Read(OutputGradient(c), "dy", run.Input, true);
            var inv = loop.Read("inv", "invStd", run.Statistic, run.StatisticVaries);
            var g = c.Affine ? loop.Read("g", "weight", run.Parameter, run.ParameterVaries) : null;
            if (batchStatistics && !c.Centered)
            {
                var x = loop.Read("xv", "x", run.Input, true);
                var k2 = loop.Read("k2", "sumXhat", run.Statistic, run.StatisticVaries);
                var xhat = loop.Let("xhat", x * inv);
                var dy = activationGradientInDx ? outputGradient : ThroughActivation(c, loop, run, xhat, g, outputGradient);
                loop.Store("dx", run.Input, inv * (Weighted(g, dy) - xhat * k2));
                return loop;
            }

            if (batchStatistics)
            {
                var x = loop.Read("xv", "x", run.Input, true);
                var m = loop.Read("m", "mean", run.Statistic, run.StatisticVaries);
                var k1 = loop.Read("k1", "sum", run.Statistic, run.StatisticVaries);
                var k2 = loop.Read("k2", "sumXhat", run.Statistic, run.StatisticVaries);
                var xhat = loop.Let("xhat", (x - m) * inv);
                var dy = activationGradientInDx ? outputGradient : ThroughActivation(c, loop, run, xhat, g, outputGradient);
                loop.Store("dx", run.Input, inv * (Weighted(g, dy) - k1 - xhat * k2));
                return loop;
            }

            LoopValue gradient = outputGradient;
            if (c.BackwardThroughActivation)
            {
                // The running statistics are constants, but the activation's derivative needs z, so x is read too.
                var x = loop.Read("xv", "x", run.Input, true);
                var m = loop.Read("m", "mean", run.Statistic, run.StatisticVaries);
                var xhat = loop.Let("xhat", (x - m) * inv);
                gradient = ThroughActivation(c, loop, run, xhat, g, outputGradient);
            }

            loop.Store("dx", run.Input, g is null ? gradient * inv : gradient * loop.Let("scale", g * inv));
            return loop;
        }

        private static LoopValue Weighted(LoopValue? g, LoopValue dy) => g is null ? dy : g * dy;
    }
}
