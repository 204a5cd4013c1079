using Microsoft.CodeAnalysis;
using NormGen.Configuration;

namespace NormGen.Generator.Scaling
{
    /// <summary>The generator steps for <c>[MinMaxScaler]</c>, <c>[StandardScaler]</c> and their generic forms.</summary>
    internal static class ScalerPipeline
    {
        public static void Register(IncrementalGeneratorInitializationContext context)
        {
            Register(context, ScalerAttributeReader.MinMaxMetadataName, TrackingNames.MinMaxScalers, TrackingNames.ValidMinMaxScalers);
            Register(context, ScalerAttributeReader.MinMaxGenericMetadataName, TrackingNames.GenericMinMaxScalers, TrackingNames.ValidGenericMinMaxScalers);
            Register(context, ScalerAttributeReader.StandardMetadataName, TrackingNames.StandardScalers, TrackingNames.ValidStandardScalers);
            Register(context, ScalerAttributeReader.StandardGenericMetadataName, TrackingNames.GenericStandardScalers, TrackingNames.ValidGenericStandardScalers);
        }

        private static void Register(IncrementalGeneratorInitializationContext context, string metadataName, string trackingName, string validTrackingName)
        {
            var scalers = context.SyntaxProvider
                .ForAttributeWithMetadataName(metadataName, static (_, _) => true, ScalerModelParser.Parse)
                .WithTrackingName(trackingName)
                .Where(static model => model is not null)
                .WithTrackingName(validTrackingName);
            context.RegisterSourceOutput(scalers, Emit);
        }

        private static void Emit(SourceProductionContext context, ScalerModel? model)
        {
            if (model is not null)
            {
                context.AddSource(model.Declaration.HintName, ScalerEmitter.Emit(model));
            }
        }
    }
}
