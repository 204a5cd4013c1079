using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>
    /// Declarations the generator cannot complete: a class with any NormGen attribute (<c>[Normalize]</c>,
    /// <c>[WeightNormalize]</c>, <c>[MinMaxScaler]</c>, <c>[StandardScaler]</c> or a generic form), or one of its
    /// containing types, that is not <c>partial</c> (NG0001), a static class (NG0023), or more than one NormGen attribute
    /// on one class (NG0027, the conflict <see cref="TransformAttributes.FindConflict"/> finds for the generator).
    /// A containing type is reported once, from its own declaration, naming its first annotated nested class.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class PartialDeclarationAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = Rules.SupportedBy(Reporter.PartialDeclaration);

        public override void Initialize(AnalysisContext context)
        {
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
            context.EnableConcurrentExecution();
            context.RegisterCompilationStartAction(start =>
            {
                var attributes = NormGenAttributes.Resolve(start.Compilation);
                if (attributes is not null)
                {
                    start.RegisterSymbolAction(symbol => Analyze(symbol, attributes), SymbolKind.NamedType);
                }
            });
        }

        private static void Analyze(SymbolAnalysisContext context, NormGenAttributes attributes)
        {
            var type = (INamedTypeSymbol)context.Symbol;
            var identifier = IdentifierLocation(type);
            var applied = attributes.On(type);
            if (applied.Count > 0)
            {
                foreach (var problem in TargetTypeReader.FindProblems(type))
                {
                    if (problem.Id == Rules.StaticClass.Id)
                    {
                        context.ReportDiagnostic(Rules.StaticClass.Diagnostic(problem.Location, ("type", type.Name)));
                    }
                    else if (problem.Location is not null && problem.Location.Equals(identifier))
                    {
                        context.ReportDiagnostic(Rules.NotPartial.Diagnostic(problem.Location, ("type", type.Name), ("annotated", type.Name)));
                    }
                }

                ReportMultipleAttributes(context, type, applied);
            }

            var nested = FirstAnnotatedNestedType(type, attributes);
            if (nested is not null)
            {
                var own = TargetTypeReader.FindProblems(nested)
                    .FirstOrDefault(p => p.Id == Rules.NotPartial.Id && p.Location is not null && p.Location.Equals(identifier));
                if (own is not null)
                {
                    context.ReportDiagnostic(Rules.NotPartial.Diagnostic(own.Location, ("type", type.Name), ("annotated", nested.Name)));
                }
            }
        }

        /// <summary>NG0027 at the later attribute, naming each as written (<c>[Normalize&lt;double&gt;]</c>) where the
        /// shared check names only the kind.</summary>
        private static void ReportMultipleAttributes(SymbolAnalysisContext context, INamedTypeSymbol type, System.Collections.Generic.List<AttributeData> applied)
        {
            var conflict = TransformAttributes.FindConflict(type);
            if (conflict is null)
            {
                return;
            }

            var names = applied.Count < 2
                ? conflict.Arguments[1]
                : string.Join(", ", applied.Select(a => "[" + a.AttributeClass!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat).Replace("Attribute", "") + "]"));
            var later = NormalizeAttributes.Syntax(applied[applied.Count - 1], context.CancellationToken);
            context.ReportDiagnostic(Rules.MultipleAttributes.Diagnostic(later?.GetLocation() ?? IdentifierLocation(type), ("type", type.Name), ("attributes", names)));
        }

        /// <summary>The first annotated type nested (at any depth) in <paramref name="type"/>, depth first in declaration order.</summary>
        private static INamedTypeSymbol? FirstAnnotatedNestedType(INamedTypeSymbol type, NormGenAttributes attributes)
        {
            foreach (var member in type.GetTypeMembers())
            {
                if (attributes.Annotates(member))
                {
                    return member;
                }

                var deeper = FirstAnnotatedNestedType(member, attributes);
                if (deeper is not null)
                {
                    return deeper;
                }
            }

            return null;
        }

        /// <summary>Where <see cref="TargetTypeReader"/> reports a type: the identifier of its first declaration.</summary>
        private static Location? IdentifierLocation(INamedTypeSymbol type) =>
            type.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax())
                .OfType<TypeDeclarationSyntax>()
                .Select(d => d.Identifier.GetLocation())
                .FirstOrDefault();
    }
}
