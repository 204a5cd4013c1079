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

        // Layers (the layer emitters still spell these in their strings).
        public const string Forward = "Forward";
        public const string Training = "Training";
        public const string Weight = "Weight";
        public const string Bias = "Bias";
        public const string WeightGrad = "WeightGrad";
        public const string BiasGrad = "BiasGrad";
        public const string RunningMean = "RunningMean";
        public const string RunningVar = "RunningVar";
        public const string NumBatchesTracked = "NumBatchesTracked";
        public const string ResetParameters = "ResetParameters";
        public const string ResetRunningStats = "ResetRunningStats";
        public const string StatisticsField = "_statistics";
        public const string ComputeBatchStatistics = "ComputeBatchStatistics";
        public const string NormalizeWithBatchStatistics = "NormalizeWithBatchStatistics";

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
