namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// <see cref="Planning.StatisticFusion.WhenSmall"/>: each call takes the fused kernels while one statistic's values fit
    /// in cache (<see cref="LayerContext.FusionCondition"/>), else the whole-tensor ones; the layer has both sets.
    /// </summary>
    internal sealed class FusedWhenSmallStrategy(LayerContext context, FusedStrategy fused, KernelStrategy wholeTensor) : KernelStrategy(context)
    {
        public override void EmitTrainingForward(IndentedWriter w)
        {
            w.Line("// One statistic at a time while its values fit in cache, else whole-tensor passes.");
            EmitChoice(w, fused.EmitTrainingForward, wholeTensor.EmitTrainingForward);
        }

        public override void EmitBatchStatistics(IndentedWriter w) =>
            EmitChoice(w, fused.EmitBatchStatistics, wholeTensor.EmitBatchStatistics);

        public override void EmitBatchGradient(IndentedWriter w) =>
            EmitChoice(w, fused.EmitBatchGradient, wholeTensor.EmitBatchGradient);

        public override string NormalizeCall() => wholeTensor.NormalizeCall();

        public override void EmitAddNormalizeShortcut(IndentedWriter w) =>
            fused.EmitAddNormalizeShortcut(w, Context.FusionCondition);

        public override void EmitForwardKernels(IndentedWriter w) => fused.EmitForwardKernels(w);

        public override void EmitNormalizeKernel(IndentedWriter w) => wholeTensor.EmitNormalizeKernel(w);

        public override void EmitStatisticsKernels(IndentedWriter w) => wholeTensor.EmitStatisticsKernels(w);

        public override void EmitBackwardKernels(IndentedWriter w)
        {
            fused.EmitBackwardKernels(w);
            wholeTensor.EmitBackwardKernels(w);
        }

        private void EmitChoice(IndentedWriter w, System.Action<IndentedWriter> whenSmall, System.Action<IndentedWriter> otherwise)
        {
            using (w.Block($"if ({Context.FusionCondition})"))
            {
                whenSmall(w);
            }

            using (w.Block("else"))
            {
                otherwise(w);
            }
        }
    }
}
