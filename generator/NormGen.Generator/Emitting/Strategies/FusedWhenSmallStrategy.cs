namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// <see cref="Planning.StatisticFusion.WhenSmall"/>: each call takes the fused kernels while one statistic's values fit
    /// in cache (<see cref="LayerContext.FusionCondition"/>), else the whole-tensor ones; the layer has both sets.
    /// </summary>
    internal sealed class FusedWhenSmallStrategy : KernelStrategy
    {
        private readonly FusedStrategy _fused;
        private readonly KernelStrategy _wholeTensor;

        public FusedWhenSmallStrategy(LayerContext context, FusedStrategy fused, KernelStrategy wholeTensor)
            : base(context)
        {
            _fused = fused;
            _wholeTensor = wholeTensor;
        }

        public override void EmitTrainingForward(IndentedWriter w)
        {
            w.Line("// One statistic at a time while its values fit in cache, else whole-tensor passes.");
            EmitChoice(w, _fused.EmitTrainingForward, _wholeTensor.EmitTrainingForward);
        }

        public override void EmitBatchStatistics(IndentedWriter w) =>
            EmitChoice(w, _fused.EmitBatchStatistics, _wholeTensor.EmitBatchStatistics);

        public override void EmitBatchGradient(IndentedWriter w) =>
            EmitChoice(w, _fused.EmitBatchGradient, _wholeTensor.EmitBatchGradient);

        public override string NormalizeCall() => _wholeTensor.NormalizeCall();

        public override void EmitAddNormalizeShortcut(IndentedWriter w) =>
            _fused.EmitAddNormalizeShortcut(w, Context.FusionCondition);

        public override void EmitForwardKernels(IndentedWriter w) => _fused.EmitForwardKernels(w);

        public override void EmitNormalizeKernel(IndentedWriter w) => _wholeTensor.EmitNormalizeKernel(w);

        public override void EmitStatisticsKernels(IndentedWriter w) => _wholeTensor.EmitStatisticsKernels(w);

        public override void EmitBackwardKernels(IndentedWriter w)
        {
            _fused.EmitBackwardKernels(w);
            _wholeTensor.EmitBackwardKernels(w);
        }

        private void EmitChoice(IndentedWriter w, System.Action<IndentedWriter> fused, System.Action<IndentedWriter> wholeTensor)
        {
            using (w.Block("if (" + Context.FusionCondition + ")"))
            {
                fused(w);
            }

            using (w.Block("else"))
            {
                wholeTensor(w);
            }
        }
    }
}
