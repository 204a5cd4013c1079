using Microsoft.CodeAnalysis;
using NormGen.Configuration;

namespace NormGen.Generator.WeightNormalization
{
    /// <summary>The generator steps for <c>[WeightNormalize]</c> and <c>[WeightNormalize&lt;T&gt;]</c>.</summary>
    internal static class WeightNormPipeline
    {
        public static void Register(IncrementalGeneratorInitializationContext context)
        {
            var plain = context.SyntaxProvider
                .ForAttributeWithMetadataName(WeightNormalizeAttributeReader.MetadataName, static (_, _) => true, WeightNormModelParser.Parse)
                .WithTrackingName(TrackingNames.WeightNorms)
                .Where(static model => model is not null)
                .WithTrackingName(TrackingNames.ValidWeightNorms);

            var generic = context.SyntaxProvider
                .ForAttributeWithMetadataName(WeightNormalizeAttributeReader.GenericMetadataName, static (_, _) => true, WeightNormModelParser.Parse)
                .WithTrackingName(TrackingNames.GenericWeightNorms)
                .Where(static model => model is not null)
                .WithTrackingName(TrackingNames.ValidGenericWeightNorms);

            context.RegisterSourceOutput(plain, Emit);
            context.RegisterSourceOutput(generic, Emit);
        }

        private static void Emit(SourceProductionContext context, WeightNormModel? model)
        {
            if (model is not null)
            {
                context.AddSource(model.Declaration.HintName, WeightNormEmitter.Emit(model));
            }
        }
    }
}
