namespace NormGen.Generator
{
    /// <summary>Names of the pipeline steps, so tests can check that each one is cached.</summary>
    internal static class TrackingNames
    {
        public const string Layers = nameof(Layers);
        public const string ValidLayers = nameof(ValidLayers);
        public const string GenericLayers = nameof(GenericLayers);
        public const string ValidGenericLayers = nameof(ValidGenericLayers);
    }
}
