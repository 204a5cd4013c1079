using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>The two attribute classes, resolved once per compilation.</summary>
    internal sealed class NormalizeAttributes
    {
        private readonly INamedTypeSymbol? _plain;
        private readonly INamedTypeSymbol? _generic;

        private NormalizeAttributes(INamedTypeSymbol? plain, INamedTypeSymbol? generic)
        {
            _plain = plain;
            _generic = generic;
        }

        /// <summary>The attribute classes of <paramref name="compilation"/>, or null when it does not reference NormGen.</summary>
        public static NormalizeAttributes? Resolve(Compilation compilation)
        {
            var plain = compilation.GetTypeByMetadataName(NormalizeAttributeReader.MetadataName);
            var generic = compilation.GetTypeByMetadataName(NormalizeAttributeReader.GenericMetadataName);
            return plain is null && generic is null ? null : new NormalizeAttributes(plain, generic);
        }

        public bool IsNormalize(AttributeData attribute)
        {
            var definition = attribute.AttributeClass?.OriginalDefinition;
            return definition is not null
                && (SymbolEqualityComparer.Default.Equals(definition, _plain) || SymbolEqualityComparer.Default.Equals(definition, _generic));
        }

        /// <summary>The NormGen attributes on <paramref name="type"/>, in source order.</summary>
        public List<AttributeData> On(INamedTypeSymbol type)
        {
            var found = new List<AttributeData>();
            foreach (var attribute in type.GetAttributes())
            {
                if (IsNormalize(attribute))
                {
                    found.Add(attribute);
                }
            }

            return found;
        }

        /// <summary>True when <paramref name="type"/> carries a NormGen attribute.</summary>
        public bool Annotates(INamedTypeSymbol type)
        {
            foreach (var attribute in type.GetAttributes())
            {
                if (IsNormalize(attribute))
                {
                    return true;
                }
            }

            return false;
        }

        public static AttributeSyntax? Syntax(AttributeData attribute, CancellationToken cancellationToken) =>
            attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;

        /// <summary>The named argument <c>Property = value</c> of <paramref name="attribute"/>, if written.</summary>
        public static AttributeArgumentSyntax? Argument(AttributeSyntax attribute, string property)
        {
            if (property.Length == 0 || attribute.ArgumentList is null)
            {
                return null;
            }

            foreach (var argument in attribute.ArgumentList.Arguments)
            {
                if (argument.NameEquals?.Name.Identifier.ValueText == property)
                {
                    return argument;
                }
            }

            return null;
        }
    }
}
