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
                .WithTrackingName(TransformTrackingNames.WeightNorms)
                .Where(static model => model is not null)
                .WithTrackingName(TransformTrackingNames.ValidWeightNorms);

            var generic = context.SyntaxProvider
                .ForAttributeWithMetadataName(WeightNormalizeAttributeReader.GenericMetadataName, static (_, _) => true, WeightNormModelParser.Parse)
                .WithTrackingName(TransformTrackingNames.GenericWeightNorms)
                .Where(static model => model is not null)
                .WithTrackingName(TransformTrackingNames.ValidGenericWeightNorms);

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
