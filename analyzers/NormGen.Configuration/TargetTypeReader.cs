using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NormGen.Configuration
{
    /// <summary>How one type in the chain from the namespace to the annotated class is declared.</summary>
    internal sealed record TypeDeclaration(string Keyword, string Name, string TypeParameters)
    {
        /// <summary>"partial class Name&lt;T&gt;".</summary>
        public string PartialDeclaration => "partial " + Keyword + " " + Name + TypeParameters;
    }

    /// <summary>A type that cannot be completed by the generator, and why.</summary>
    internal sealed record TargetProblem(string Id, string TypeName, Location? Location);

    /// <summary>Reads where and how the annotated class is declared, and finds what keeps the generator from
    /// adding a partial declaration to it (NG0001 not partial, NG0023 static).</summary>
    internal static class TargetTypeReader
    {
        /// <summary>The containing types, outermost first.</summary>
        public static IReadOnlyList<INamedTypeSymbol> ContainingTypes(INamedTypeSymbol type)
        {
            var chain = new List<INamedTypeSymbol>();
            for (var t = type.ContainingType; t is not null; t = t.ContainingType)
            {
                chain.Insert(0, t);
            }

            return chain;
        }

        public static IReadOnlyList<TargetProblem> FindProblems(INamedTypeSymbol type)
        {
            var problems = new List<TargetProblem>();
            if (type.IsStatic)
            {
                problems.Add(new TargetProblem(Rules.StaticClass.Id, type.Name, IdentifierLocation(type)));
            }

            foreach (var t in ContainingTypes(type).Concat(new[] { type }))
            {
                if (!IsPartial(t))
                {
                    problems.Add(new TargetProblem(Rules.NotPartial.Id, t.Name, IdentifierLocation(t)));
                }
            }

            return problems;
        }

        public static TypeDeclaration Describe(INamedTypeSymbol type)
        {
            string keyword = type.TypeKind switch
            {
                TypeKind.Struct => type.IsRecord ? "record struct" : "struct",
                TypeKind.Interface => "interface",
                _ => type.IsRecord ? "record" : "class",
            };
            string typeParameters = type.TypeParameters.Length == 0
                ? ""
                : "<" + string.Join(", ", type.TypeParameters.Select(p => p.Name)) + ">";
            return new TypeDeclaration(keyword, type.Name, typeParameters);
        }

        private static bool IsPartial(INamedTypeSymbol type) =>
            type.DeclaringSyntaxReferences.Any(r =>
                r.GetSyntax() is TypeDeclarationSyntax declaration
                && declaration.Modifiers.Any(m => m.ValueText == "partial"));

        private static Location? IdentifierLocation(INamedTypeSymbol type) =>
            type.DeclaringSyntaxReferences
                .Select(r => r.GetSyntax())
                .OfType<TypeDeclarationSyntax>()
                .Select(d => d.Identifier.GetLocation())
                .FirstOrDefault();
    }
}
