using Microsoft.CodeAnalysis;
using NormGen.Configuration;
using NormGen.Generator.Emitting;
using NormGen.Generator.Model;
using NormGen.Generator.Parsing;
using NormGen.Generator.Scaling;
using NormGen.Generator.WeightNormalization;

namespace NormGen.Generator
{
    /// <summary>Completes every <c>partial</c> class annotated with <c>[Normalize]</c> or <c>[Normalize&lt;T&gt;]</c>
    /// with a normalisation layer specialised for its configuration.</summary>
    [Generator(LanguageNames.CSharp)]
    public sealed class NormalizeGenerator : IIncrementalGenerator
    {
        public void Initialize(IncrementalGeneratorInitializationContext context)
        {
            var layers = context.SyntaxProvider
                .ForAttributeWithMetadataName(NormalizeAttributeReader.MetadataName, static (_, _) => true, LayerModelParser.Parse)
                .WithTrackingName(TrackingNames.Layers)
                .Where(static model => model is not null)
                .WithTrackingName(TrackingNames.ValidLayers);

            var genericLayers = context.SyntaxProvider
                .ForAttributeWithMetadataName(NormalizeAttributeReader.GenericMetadataName, static (_, _) => true, LayerModelParser.Parse)
                .WithTrackingName(TrackingNames.GenericLayers)
                .Where(static model => model is not null)
                .WithTrackingName(TrackingNames.ValidGenericLayers);

            context.RegisterSourceOutput(layers, Emit);
            context.RegisterSourceOutput(genericLayers, Emit);

            WeightNormPipeline.Register(context);
            ScalerPipeline.Register(context);
        }

        private static void Emit(SourceProductionContext context, LayerModel? model)
        {
            if (model is not null)
            {
                context.AddSource(model.Declaration.HintName, LayerEmitter.Emit(model));
            }
        }
    }
}
