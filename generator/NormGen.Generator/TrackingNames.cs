namespace NormGen.Generator
{
    /// <summary>Names of the pipeline steps of layers, weight normalisations and scalers, so tests can check that each
    /// one is cached.</summary>
    internal static class TrackingNames
    {
        public const string Layers = nameof(Layers);
        public const string ValidLayers = nameof(ValidLayers);
        public const string GenericLayers = nameof(GenericLayers);
        public const string ValidGenericLayers = nameof(ValidGenericLayers);
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
