using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>
    /// Every attribute that makes the generator complete a class (<c>[Normalize]</c>, <c>[WeightNormalize]</c>,
    /// <c>[MinMaxScaler]</c>, <c>[StandardScaler]</c> and their generic forms), resolved once per compilation.
    /// </summary>
    internal sealed class NormGenAttributes
    {
        private readonly INamedTypeSymbol[] _normalize;
        private readonly INamedTypeSymbol[] _weightNormalize;
        private readonly INamedTypeSymbol[] _minMaxScaler;
        private readonly INamedTypeSymbol[] _standardScaler;

        private NormGenAttributes(Compilation compilation)
        {
            _normalize = Resolve(compilation, NormalizeAttributeReader.MetadataName, NormalizeAttributeReader.GenericMetadataName);
            _weightNormalize = Resolve(compilation, WeightNormalizeAttributeReader.MetadataName, WeightNormalizeAttributeReader.GenericMetadataName);
            _minMaxScaler = Resolve(compilation, ScalerAttributeReader.MinMaxMetadataName, ScalerAttributeReader.MinMaxGenericMetadataName);
            _standardScaler = Resolve(compilation, ScalerAttributeReader.StandardMetadataName, ScalerAttributeReader.StandardGenericMetadataName);
        }

        /// <summary>The attribute classes of <paramref name="compilation"/>, or null when it references none of them.</summary>
        public static NormGenAttributes? Resolve(Compilation compilation)
        {
            var attributes = new NormGenAttributes(compilation);
            return attributes._normalize.Length + attributes._weightNormalize.Length + attributes._minMaxScaler.Length + attributes._standardScaler.Length == 0
                ? null
                : attributes;
        }

        public bool IsWeightNormalize(AttributeData attribute) => Matches(_weightNormalize, attribute);

        /// <summary>The scaler <paramref name="attribute"/> declares, or null when it is no scaler attribute.</summary>
        public ScalerKind? ScalerKindOf(AttributeData attribute) =>
            Matches(_minMaxScaler, attribute) ? ScalerKind.MinMax
            : Matches(_standardScaler, attribute) ? ScalerKind.Standard
            : null;

        /// <summary>The NormGen attributes of any kind on <paramref name="type"/>, in source order.</summary>
        public List<AttributeData> On(INamedTypeSymbol type) => type.GetAttributes().Where(IsNormGen).ToList();

        /// <summary>True when <paramref name="type"/> carries a NormGen attribute of any kind.</summary>
        public bool Annotates(INamedTypeSymbol type) => type.GetAttributes().Any(IsNormGen);

        private bool IsNormGen(AttributeData attribute) =>
            Matches(_normalize, attribute) || Matches(_weightNormalize, attribute) || Matches(_minMaxScaler, attribute) || Matches(_standardScaler, attribute);

        private static bool Matches(INamedTypeSymbol[] classes, AttributeData attribute)
        {
            var definition = attribute.AttributeClass?.OriginalDefinition;
            return definition is not null && classes.Any(c => SymbolEqualityComparer.Default.Equals(definition, c));
        }

        private static INamedTypeSymbol[] Resolve(Compilation compilation, params string[] metadataNames) =>
            metadataNames.Select(compilation.GetTypeByMetadataName).Where(t => t is not null).Select(t => t!).ToArray();
    }
}
