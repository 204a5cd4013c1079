namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// The innermost-loop bodies of every kernel, each written once and used both by the full passes over the
    /// tensor and by the per-statistic passes that finish one contiguous statistic while it is in cache.
    /// </summary>
    internal static class VectorLoopBodies
    {
        /// <summary>sum += x - pivot, where mean holds the pivot.</summary>
        public static VectorLoop ShiftedSum(LayerContext c, RunBases run) => Sum(
            new VectorLoop(c.Names)
                .Read("xv", "x", run.Input, true)
                .Read("pivot", "mean", run.Statistic, run.StatisticVaries),
            run, null, r => r("xv") + " - " + r("pivot"));

        /// <summary>sum += d and squares += d^2 with d = x - pivot (mean holds the pivot), in one pass; into the caller's
        /// registers <paramref name="into"/> and <paramref name="into"/>Squares when given.</summary>
        public static VectorLoop ShiftedSumAndSquares(LayerContext c, RunBases run, string? into = null)
        {
            var kernel = new VectorLoop(c.Names)
                .Read("xv", "x", run.Input, true)
                .Read("pivot", "mean", run.Statistic, run.StatisticVaries)
                .Let("d", r => r("xv") + " - " + r("pivot"));
            return into is null
                ? kernel.Accumulate("sum", run.Statistic, run.StatisticVaries, r => "d").AccumulateLocal("squares", r => "d * d")
                : kernel.AccumulateInto(into, r => "d").AccumulateInto(into + "Squares", r => "d * d");
        }

        /// <summary>sum += (x - mean)^2; into the caller's registers when <paramref name="into"/> is given.</summary>
        public static VectorLoop Squares(LayerContext c, RunBases run, string? into = null) => Sum(
            new VectorLoop(c.Names)
                .Read("xv", "x", run.Input, true)
                .Read("m", "mean", run.Statistic, run.StatisticVaries)
                .Let("d", r => r("xv") + " - " + r("m")),
            run, into, r => "d * d");

        /// <summary>sum += x^2 (RMSNorm); into the caller's registers when <paramref name="into"/> is given.</summary>
        public static VectorLoop SumOfSquares(LayerContext c, RunBases run, string? into = null) => Sum(
            new VectorLoop(c.Names).Read("xv", "x", run.Input, true).Let("v", r => r("xv")),
            run, into, r => "v * v");

        private static VectorLoop Sum(VectorLoop kernel, RunBases run, string? into, System.Func<System.Func<string, string>, string> term) =>
            into is null ? kernel.Accumulate("sum", run.Statistic, run.StatisticVaries, term) : kernel.AccumulateInto(into, term);

        /// <summary>y = (x - mean) * (invStd * weight) + bias; RMSNorm: y = x * (invStd * weight); plus the residual r
        /// when it comes before the activation; then the activation.</summary>
        public static VectorLoop Normalize(LayerContext c, RunBases run)
        {
            var kernel = PreActivation(c, run, out var z);
            return kernel.Store("y", run.Input, r => ActivationCalls.Apply(c, z(r)));
        }

        /// <summary>x = input + res: the residual before the norm, written where the statistic then reads it.</summary>
        public static VectorLoop ResidualSum(LayerContext c, RunBases run) =>
            new VectorLoop(c.Names)
                .Read("iv", "input", run.Input, true)
                .Read("rv", "res", run.Input, true)
                .Store("x", run.Input, r => r("iv") + " + " + r("rv"));

        /// <summary>The residual's gradient dr = dy * act'(z), z = norm(x) + r, which is also the gradient the normalisation
        /// takes in place of dy (<see cref="LayerContext.ResidualGradientPass"/>). <paramref name="withResidual"/> false
        /// takes r = 0 (the plain Backward) and writes dz to dx.</summary>
        public static VectorLoop ResidualGradient(LayerContext c, RunBases run, bool withResidual)
        {
            var kernel = PreActivation(c, run, out var z, withResidual).Read("dyv", "dy", run.Input, true);
            return kernel.Store(withResidual ? "dr" : "dx", run.Input, r => ActivationCalls.Backward(c, z(r), r("dyv")));
        }

        /// <summary>The operands of the pre-activation z = (x - mean) * invStd * weight + bias (+ r), and z as code.</summary>
        private static VectorLoop PreActivation(LayerContext c, RunBases run, out System.Func<System.Func<string, string>, string> z, bool withResidual = true)
        {
            var kernel = new VectorLoop(c.Names).Read("xv", "x", run.Input, true);
            System.Func<System.Func<string, string>, string> affine;
            if (!c.Centered)
            {
                kernel.Read("inv", "invStd", run.Statistic, run.StatisticVaries);
                if (!c.Affine)
                {
                    affine = r => r("xv") + " * " + r("inv");
                }
                else
                {
                    kernel.Read("g", "weight", run.Parameter, run.ParameterVaries)
                        .Let("scale", r => r("inv") + " * " + r("g"), "inv", "g");
                    affine = r => r("xv") + " * " + r("scale");
                }
            }
            else
            {
                kernel.Read("m", "mean", run.Statistic, run.StatisticVaries)
                    .Read("inv", "invStd", run.Statistic, run.StatisticVaries);
                if (!c.Affine)
                {
                    affine = r => "(" + r("xv") + " - " + r("m") + ") * " + r("inv");
                }
                else
                {
                    kernel.Read("g", "weight", run.Parameter, run.ParameterVaries)
                        .Read("b", "bias", run.Parameter, run.ParameterVaries)
                        .Let("scale", r => r("inv") + " * " + r("g"), "inv", "g");
                    affine = r => "(" + r("xv") + " - " + r("m") + ") * " + r("scale") + " + " + r("b");
                }
            }

            if (!c.ResidualBeforeActivation || !withResidual)
            {
                z = affine;
                return kernel;
            }

            kernel.Read("rv", "res", run.Input, true);
            z = r => affine(r) + " + " + r("rv");
            return kernel;
        }

        /// <summary>weightGrad += dy * xhat, biasGrad += dy; with batch statistics also, per statistic,
        /// sum += g and sumXhat += g * xhat, where g = dy * weight.</summary>
        public static VectorLoop GradientSums(LayerContext c, RunBases run, bool batchStatistics, bool keepActivationGradient = false)
        {
            if (!c.Centered)
            {
                return KeepActivationGradient(UncenteredGradientSums(c, run, batchStatistics), run, keepActivationGradient);
            }

            return KeepActivationGradient(CenteredGradientSums(c, run, batchStatistics), run, keepActivationGradient);
        }

        /// <summary>With <paramref name="keep"/>, also dx = dz: the input-gradient pass that follows reads it back.</summary>
        private static VectorLoop KeepActivationGradient(VectorLoop kernel, RunBases run, bool keep) =>
            keep ? kernel.Store("dx", run.Input, r => "dyv") : kernel;

        private static VectorLoop CenteredGradientSums(LayerContext c, RunBases run, bool batchStatistics)
        {
            var kernel = new VectorLoop(c.Names)
                .Read("xv", "x", run.Input, true)
                .Read(OutputGradient(c), "dy", run.Input, true)
                .Read("m", "mean", run.Statistic, run.StatisticVaries)
                .Read("inv", "invStd", run.Statistic, run.StatisticVaries)
                .Let("xhat", r => "(" + r("xv") + " - " + r("m") + ") * " + r("inv"));
            if (c.Affine)
            {
                kernel.Read("g", "weight", run.Parameter, run.ParameterVaries);
            }

            ThroughActivation(c, kernel, run);
            if (c.Affine)
            {
                kernel.Accumulate("weightGrad", run.Parameter, run.ParameterVaries, r => r("dyv") + " * xhat")
                    .Accumulate("biasGrad", run.Parameter, run.ParameterVaries, r => r("dyv"));
            }

            if (!batchStatistics)
            {
                return kernel;
            }

            if (!c.Affine)
            {
                return kernel.Accumulate("sum", run.Statistic, run.StatisticVaries, r => r("dyv"))
                    .Accumulate("sumXhat", run.Statistic, run.StatisticVaries, r => r("dyv") + " * xhat");
            }

            if (!run.ParameterVaries && !run.StatisticVaries)
            {
                // The weight is constant along the run: the statistic sums are the weight sums scaled by it.
                return kernel.After(KernelSnippets.At("sum", run.Statistic) + " += g * biasGradAcc;")
                    .After(KernelSnippets.At("sumXhat", run.Statistic) + " += g * weightGradAcc;");
            }

            return kernel.Let("gdy", r => r("g") + " * " + r("dyv"))
                .Accumulate("sum", run.Statistic, run.StatisticVaries, r => "gdy")
                .Accumulate("sumXhat", run.Statistic, run.StatisticVaries, r => "gdy * xhat");
        }

        /// <summary>RMSNorm (xhat = x * invStd): weightGrad += dy * xhat; with batch statistics also, per statistic,
        /// sumXhat += g * xhat. No bias, and no sum of g: the mean was not subtracted, so its gradient term is absent.</summary>
        private static VectorLoop UncenteredGradientSums(LayerContext c, RunBases run, bool batchStatistics)
        {
            var kernel = new VectorLoop(c.Names)
                .Read("xv", "x", run.Input, true)
                .Read(OutputGradient(c), "dy", run.Input, true)
                .Read("inv", "invStd", run.Statistic, run.StatisticVaries)
                .Let("xhat", r => r("xv") + " * " + r("inv"));
            if (c.Affine)
            {
                kernel.Read("g", "weight", run.Parameter, run.ParameterVaries);
            }

            ThroughActivation(c, kernel, run);
            if (c.Affine)
            {
                kernel.Accumulate("weightGrad", run.Parameter, run.ParameterVaries, r => r("dyv") + " * xhat");
            }

            if (!batchStatistics)
            {
                return kernel;
            }

            if (!c.Affine)
            {
                return kernel.Accumulate("sumXhat", run.Statistic, run.StatisticVaries, r => r("dyv") + " * xhat");
            }

            if (!run.ParameterVaries && !run.StatisticVaries)
            {
                // The weight is constant along the run: the statistic's sum is the weight's scaled by it.
                return kernel.After(KernelSnippets.At("sumXhat", run.Statistic) + " += g * weightGradAcc;");
            }

            return kernel.Accumulate("sumXhat", run.Statistic, run.StatisticVaries, r => r("g") + " * " + r("dyv") + " * xhat");
        }

        /// <summary>The name the output gradient is read under: dyv, or without the activation's derivative dyIn.</summary>
        private static string OutputGradient(LayerContext c) => c.BackwardThroughActivation ? "dyIn" : "dyv";

        /// <summary>With an activation, dyv = dy * act'(z), z = xhat * weight + bias recomputed from the operands xhat, g
        /// (and the bias, read here): every later term takes the gradient at the pre-activation. Nothing without one.</summary>
        private static VectorLoop ThroughActivation(LayerContext c, VectorLoop kernel, RunBases run)
        {
            if (!c.BackwardThroughActivation)
            {
                return kernel;
            }

            if (c.HasBias)
            {
                kernel.Read("b", "bias", run.Parameter, run.ParameterVaries);
            }

            return kernel.Let("z", r => ActivationCalls.PreActivation(c, "xhat", c.Affine ? r("g") : "", c.HasBias ? r("b") : ""))
                .Let("dyv", r => ActivationCalls.Backward(c, "z", r("dyIn")));
        }

        /// <summary>Batch statistics: dx = invStd * (g - mean(g) - xhat * mean(g * xhat)), with sum and sumXhat
        /// holding those means; RMSNorm: dx = invStd * (g - xhat * mean(g * xhat)). Running statistics: dx = g * invStd.</summary>
        /// <remarks>With <paramref name="activationGradientInDx"/>, dx already holds dz (written by
        /// <see cref="GradientSums"/>), which stands for dy.</remarks>
        public static VectorLoop InputGradient(LayerContext c, RunBases run, bool batchStatistics, bool activationGradientInDx = false)
        {
            var kernel = new VectorLoop(c.Names)
                .Read(activationGradientInDx ? "dyv" : OutputGradient(c), activationGradientInDx ? "dx" : "dy", run.Input, true)
                .Read("inv", "invStd", run.Statistic, run.StatisticVaries);
            if (c.Affine)
            {
                kernel.Read("g", "weight", run.Parameter, run.ParameterVaries);
            }

            if (batchStatistics && !c.Centered)
            {
                kernel.Read("xv", "x", run.Input, true)
                    .Read("k2", "sumXhat", run.Statistic, run.StatisticVaries)
                    .Let("xhat", r => r("xv") + " * " + r("inv"));
                return (activationGradientInDx ? kernel : ThroughActivation(c, kernel, run)).Store("dx", run.Input, r => r("inv") + " * (" + (c.Affine ? r("g") + " * " : "") + r("dyv") + " - xhat * " + r("k2") + ")");
            }

            if (batchStatistics)
            {
                kernel.Read("xv", "x", run.Input, true)
                    .Read("m", "mean", run.Statistic, run.StatisticVaries)
                    .Read("k1", "sum", run.Statistic, run.StatisticVaries)
                    .Read("k2", "sumXhat", run.Statistic, run.StatisticVaries)
                    .Let("xhat", r => "(" + r("xv") + " - " + r("m") + ") * " + r("inv"));
                return (activationGradientInDx ? kernel : ThroughActivation(c, kernel, run)).Store("dx", run.Input, r => r("inv") + " * (" + (c.Affine ? r("g") + " * " : "") + r("dyv") + " - " + r("k1") + " - xhat * " + r("k2") + ")");
            }

            if (c.BackwardThroughActivation)
            {
                // The running statistics are constants, but the activation's derivative needs z, so x is read too.
                kernel.Read("xv", "x", run.Input, true)
                    .Read("m", "mean", run.Statistic, run.StatisticVaries)
                    .Let("xhat", r => "(" + r("xv") + " - " + r("m") + ") * " + r("inv"));
                ThroughActivation(c, kernel, run);
            }

            if (!c.Affine)
            {
                return kernel.Store("dx", run.Input, r => r("dyv") + " * " + r("inv"));
            }

            return kernel.Let("scale", r => r("g") + " * " + r("inv"), "g", "inv")
                .Store("dx", run.Input, r => r("dyv") + " * " + r("scale"));
        }
    }
}
