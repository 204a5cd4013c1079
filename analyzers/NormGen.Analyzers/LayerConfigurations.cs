using System;
using System.Collections.Concurrent;
using Microsoft.CodeAnalysis;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>The configuration the generator builds a layer type from, looked up once per type and compilation.</summary>
    internal static class LayerConfigurations
    {
        /// <summary>A lookup for one compilation: the configuration of a type, or null when the generator emits nothing for it.</summary>
        public static Func<INamedTypeSymbol, LayerConfiguration?> Lookup(NormalizeAttributes attributes)
        {
            var layers = new ConcurrentDictionary<INamedTypeSymbol, LayerConfiguration?>(SymbolEqualityComparer.Default);
            return type => layers.GetOrAdd(type, t => Of(t, attributes));
        }

        /// <summary>A lookup for one compilation: the layout of a scaler type as a layer configuration without parameters
        /// (its kept extents not fixed are its constructor's), or null for any other type and for invalid scalers.</summary>
        public static Func<INamedTypeSymbol, LayerConfiguration?> ScalerLookup(NormGenAttributes attributes)
        {
            var scalers = new ConcurrentDictionary<INamedTypeSymbol, LayerConfiguration?>(SymbolEqualityComparer.Default);
            return type => scalers.GetOrAdd(type, t => ScalerOf(t, attributes));
        }

        private static LayerConfiguration? ScalerOf(INamedTypeSymbol type, NormGenAttributes attributes)
        {
            var applied = attributes.On(type);
            return applied.Count == 1 && attributes.ScalerKindOf(applied[0]) is ScalerKind kind
                ? ScalerValidator.Validate(ScalerAttributeReader.Read(applied[0], kind)).Configuration?.AsLayerConfiguration()
                : null;
        }

        private static LayerConfiguration? Of(INamedTypeSymbol type, NormalizeAttributes attributes)
        {
            var applied = attributes.On(type);
            if (applied.Count != 1 || TargetTypeReader.FindProblems(type).Count > 0)
            {
                return null;
            }

            return ConfigurationValidator.Validate(NormalizeAttributeReader.Read(applied[0])).Configuration;
        }
    }
}
