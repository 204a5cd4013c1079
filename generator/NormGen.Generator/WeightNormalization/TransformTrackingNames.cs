namespace NormGen.Generator.WeightNormalization
{
    /// <summary>Names of the weight normalisation and scaler pipeline steps, so tests can check that each is cached.</summary>
    internal static class TransformTrackingNames
    {
        public const string WeightNorms = nameof(WeightNorms);
        public const string ValidWeightNorms = nameof(ValidWeightNorms);
        public const string GenericWeightNorms = nameof(GenericWeightNorms);
        public const string ValidGenericWeightNorms = nameof(ValidGenericWeightNorms);
        public const string MinMaxScalers = nameof(MinMaxScalers);
        public const string ValidMinMaxScalers = nameof(ValidMinMaxScalers);
        public const string GenericMinMaxScalers = nameof(GenericMinMaxScalers);
        public const string ValidGenericMinMaxScalers = nameof(ValidGenericMinMaxScalers);
        public const string StandardScalers = nameof(StandardScalers);
        public const string ValidStandardScalers = nameof(ValidStandardScalers);
        public const string GenericStandardScalers = nameof(GenericStandardScalers);
        public const string ValidGenericStandardScalers = nameof(ValidGenericStandardScalers);
    }
}
