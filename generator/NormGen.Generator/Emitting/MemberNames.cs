namespace NormGen.Generator.Emitting
{
    /// <summary>The names of the members that generated types declare, each spelled once: the emitter that declares a
    /// member and every emitter that calls it or names it in a comment write the same constant. (<see cref="Names"/>
    /// holds the names of the types generated code uses.)</summary>
    internal static class MemberNames
    {
        // Every type with a layout (layers and scalers): the shape helpers ShapeEmitter declares, and the description.
        public const string ElementCount = "ElementCount";
        public const string CheckLength = "CheckLength";
        public const string DescribeShape = "DescribeShape";
        public const string Layout = "Layout";
        public const string Axes = "Axes";

        // Layers and weight normalisations.
        public const string Epsilon = "Epsilon";
        public const string Backward = "Backward";
        public const string ZeroGrad = "ZeroGrad";

        // Layers: the public members and their state.
        public const string Forward = "Forward";
        public const string Training = "Training";
        public const string Channels = "Channels";
        public const string ParameterShape = "ParameterShape";
        public const string ParameterShapeField = "_parameterShape";
        public const string Weight = "Weight";
        public const string Bias = "Bias";
        public const string WeightGrad = "WeightGrad";
        public const string BiasGrad = "BiasGrad";
        public const string RunningMean = "RunningMean";
        public const string RunningVar = "RunningVar";
        public const string NumBatchesTracked = "NumBatchesTracked";
        public const string ResetParameters = "ResetParameters";
        public const string ResetRunningStats = "ResetRunningStats";
        public const string MaxDegreeOfParallelism = "MaxDegreeOfParallelism";
        public const string ThreadsField = "_threads";
        public const string Reserve = "Reserve";
        public const string StatisticsField = "_statistics";
        public const string WeightGradStepField = "_weightGradStep";
        public const string BiasGradStepField = "_biasGradStep";
        public const string HasForwardField = "_hasForward";
        public const string ForwardWasEvalField = "_forwardWasEval";

        /// <summary>The prefix of the fields recording the per-call extents of the last training Forward
        /// (<see cref="DimensionNames.Recorded"/>).</summary>
        public const string ForwardShapePrefix = "_forward";

        // Layers: the shape check of the full-shape overloads, and the private members the shells declare and call.
        public const string CheckShape = "CheckShape";
        public const string EnsureStatisticCapacity = "EnsureStatisticCapacity";
        public const string UpdateRunningStatistics = "UpdateRunningStatistics";
        public const string ComputeBatchStatistics = "ComputeBatchStatistics";
        public const string NormalizeWithBatchStatistics = "NormalizeWithBatchStatistics";
        public const string AddNormalizeWithBatchStatistics = "AddNormalizeWithBatchStatistics";
        public const string BatchStatisticsOneByOne = "BatchStatisticsOneByOne";
        public const string BackwardWithBatchStatistics = "BackwardWithBatchStatistics";
        public const string NormalizeWithRunningStatistics = "NormalizeWithRunningStatistics";
        public const string ResidualBackward = "ResidualBackward";
        public const string ResidualGradient = "ResidualGradient";
        public const string ActivationGradient = "ActivationGradient";
        public const string AccumulateParameterGradients = "AccumulateParameterGradients";
        public const string InputGradientWithRunningStatistics = "InputGradientWithRunningStatistics";
        public const string WithRunningStatistics = "WithRunningStatistics";

        // Layers: the private kernels the strategies declare (channels-first and channels-last alike).
        public const string Normalize = "Normalize";
        public const string InputGradient = "InputGradient";
        public const string AccumulateBatchGradients = "AccumulateBatchGradients";
        public const string ChunkStatistics = "ChunkStatistics";
        public const string ChunkGradientSums = "ChunkGradientSums";
        public const string BlockGradientSums = "BlockGradientSums";

        // Layers with synchronised members (SynchronizedStatisticsEmitter).
        public const string SynchronizedStatisticCount = "SynchronizedStatisticCount";
        public const string ForwardSynchronized = "ForwardSynchronized";
        public const string BackwardSynchronized = "BackwardSynchronized";
        public const string ComputeLocalMoments = "ComputeLocalMoments";
        public const string ForwardFromMoments = "ForwardFromMoments";
        public const string ComputeLocalGradientSums = "ComputeLocalGradientSums";
        public const string BackwardFromGradientSums = "BackwardFromGradientSums";
        public const string ForwardWithMoments = "ForwardWithMoments";
        public const string SynchronizedForwardState = "SynchronizedForwardState";
        public const string SynchronizedState = "SynchronizedState";
        public const string SynchronizedElementCount = "SynchronizedElementCount";
        public const string SynchronizedField = "_synchronized";
        public const string SynchronizedEvalField = "_synchronizedEval";

        // Scalers: the public members, the fitted state and the batch's scratch, and the private kernels.
        public const string Fit = "Fit";
        public const string Transform = "Transform";
        public const string InverseTransform = "InverseTransform";
        public const string Reset = "Reset";
        public const string FeatureRangeMin = "FeatureRangeMin";
        public const string FeatureRangeMax = "FeatureRangeMax";
        public const string Min = "Min";
        public const string Max = "Max";
        public const string Mean = "Mean";
        public const string Variance = "Variance";
        public const string Count = "Count";
        public const string CountField = "_count";
        public const string BatchMinField = "_batchMin";
        public const string BatchMaxField = "_batchMax";
        public const string BatchMeanField = "_batchMean";
        public const string BatchSquaresField = "_batchSquares";
        public const string SumField = "_sum";
        public const string ComputeBatchExtrema = "ComputeBatchExtrema";
        public const string ComputeBatchMoments = "ComputeBatchMoments";
        public const string Merge = "Merge";
        public const string PrepareTransform = "PrepareTransform";
        public const string PrepareInverseTransform = "PrepareInverseTransform";
        public const string ScaleData = "ScaleData";
        public const string UnscaleData = "UnscaleData";

        // Weight normalisations: the public members, the per-row scratch, and the private kernels.
        public const string Shape = "Shape";
        public const string ShapeField = "_shape";
        public const string Dim = "Dim";
        public const string V = "V";
        public const string G = "G";
        public const string VGrad = "VGrad";
        public const string GGrad = "GGrad";
        public const string InitializeFrom = "InitializeFrom";
        public const string ComputeWeight = "ComputeWeight";
        public const string SumSquaresField = "_sumSquares";
        public const string DotField = "_dot";
        public const string ScaleField = "_scale";
        public const string CoefficientField = "_coefficient";
        public const string SumSquares = "SumSquares";
        public const string SumSquaresAndDot = "SumSquaresAndDot";
        public const string Scale = "Scale";
        public const string AccumulateVGrad = "AccumulateVGrad";
    }
}
