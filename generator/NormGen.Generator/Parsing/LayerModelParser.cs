using System.Threading;
using Microsoft.CodeAnalysis;
using NormGen.Configuration;
using NormGen.Generator.Model;

namespace NormGen.Generator.Parsing
{
    /// <summary>Turns an annotated class into a <see cref="LayerModel"/>, or null when the analyzers report an
    /// error for it (the generator then emits nothing for that class).</summary>
    internal static class LayerModelParser
    {
        public static LayerModel? Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            if (context.TargetSymbol is not INamedTypeSymbol type || context.Attributes.Length != 1)
            {
                return null;
            }

            cancellationToken.ThrowIfCancellationRequested();
            var declaration = TargetDeclaration.Read(type, kind: null);
            var configuration = declaration is null ? null : ConfigurationValidator.Validate(NormalizeAttributeReader.Read(context.Attributes[0])).Configuration;
            return configuration is null ? null : new LayerModel(declaration!, configuration);
        }
    }
}
