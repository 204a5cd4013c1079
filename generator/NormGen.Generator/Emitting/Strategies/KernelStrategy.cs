using NormGen.Generator.Planning;
using static NormGen.Generator.Emitting.MemberNames;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// How a layer's training kernels take its batch statistics: the private kernels of one strategy, and the calls of
    /// them that the shared <c>Forward</c> and <c>Backward</c> write. The shells keep the checks, the state, the residual
    /// overloads and the eval-mode kernels with running statistics; what differs by strategy is written here.
    /// </summary>
    internal abstract class KernelStrategy(LayerContext context)
    {
        protected LayerContext Context { get; } = context;

        /// <summary>The strategy the plan names: the one place that reads its fusion, access and short-run route.</summary>
        public static KernelStrategy For(LayerContext c)
        {
            KernelStrategy wholeTensor = c.ChannelsLast is { } channelsLast ? new ChannelsLastStrategy(channelsLast) : new TwoReadStrategy(c);
            KernelStrategy chosen = c.Plan.Fusion switch
            {
                StatisticFusion.Always => new FusedStrategy(c, wholeTensor),
                StatisticFusion.WhenSmall => new FusedWhenSmallStrategy(c, new FusedStrategy(c, wholeTensor), wholeTensor),
                _ => wholeTensor,
            };
            return c.Plan.ShortRun is { } route ? new ShortRunStrategy(c, route, chosen) : chosen;
        }

        /// <summary>The plan's signature of the private kernel <paramref name="name"/>.</summary>
        protected KernelSignature Kernel(string name) => Context.Plan.Signature(name);

        /// <summary>The <c>OnThreads</c> twin of the kernel <paramref name="name"/>, when the plan gives it one.</summary>
        protected void EmitOnThreadsTwin(IndentedWriter w, string name)
        {
            if (Kernel(name).HasOnThreadsTwin)
            {
                KernelCalls.EmitOnThreads(w, Context, Kernel(name));
            }
        }

        /// <summary>Training Forward: the batch statistics into <c>buffers</c>, and the output.</summary>
        public abstract void EmitTrainingForward(IndentedWriter w);

        /// <summary>The batch statistics alone, bitwise those of training Forward: Backward after an eval Forward of a layer
        /// without running statistics.</summary>
        public abstract void EmitBatchStatistics(IndentedWriter w);

        /// <summary>Backward through the batch statistics: the input gradient and this call's parameter gradients.</summary>
        public abstract void EmitBatchGradient(IndentedWriter w);

        /// <summary>The call of the whole-tensor <c>Normalize</c> (<see cref="EmitNormalizeKernel"/>).</summary>
        public abstract string NormalizeCall();

        /// <summary>Eval Forward with the running statistics, already in <c>buffers</c>.</summary>
        public virtual void EmitRunningNormalize(IndentedWriter w) =>
            w.Lines(Context.Plan.Has(Kernels.NormalizeWithRunningStatistics)
                ? KernelCalls.Call(Context, Kernel(NormalizeWithRunningStatistics))
                : NormalizeCall());

        /// <summary>Eval Backward with the running statistics, already in <c>buffers</c>.</summary>
        public virtual void EmitRunningGradient(IndentedWriter w)
        {
            var c = Context;
            w.Template($$"""
                {{(c.Plan.Has(Kernels.AccumulateParameterGradients) ? KernelCalls.Call(c, Kernel(AccumulateParameterGradients)) : "")}}
                {{KernelCalls.Call(c, Kernel(InputGradientWithRunningStatistics))}}
                """);
        }

        /// <summary>The residual before the norm: a shortcut in the public Forward that writes s = x + r and normalises it
        /// in one kernel; none but for the fused strategy.</summary>
        public virtual void EmitAddNormalizeShortcut(IndentedWriter w)
        {
        }

        /// <summary>The kernels written before <c>Normalize</c>: the fused ones.</summary>
        public virtual void EmitForwardKernels(IndentedWriter w)
        {
        }

        /// <summary>The whole-tensor normalisation with the statistics in <c>buffers</c> (<see cref="Kernels.Normalize"/>).</summary>
        public abstract void EmitNormalizeKernel(IndentedWriter w);

        /// <summary>The whole-tensor batch statistics (<see cref="Kernels.ComputeBatchStatistics"/>).</summary>
        public virtual void EmitStatisticsKernels(IndentedWriter w)
        {
        }

        /// <summary>The gradient kernels with batch statistics.</summary>
        public abstract void EmitBackwardKernels(IndentedWriter w);
    }
}
