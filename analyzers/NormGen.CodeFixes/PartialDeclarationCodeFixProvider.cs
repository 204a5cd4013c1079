using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NormGen.Configuration;

namespace NormGen.CodeFixes
{
    /// <summary>Adds <c>partial</c> to an annotated class or to the containing type NG0001 names.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PartialDeclarationCodeFixProvider)), Shared]
    public sealed class PartialDeclarationCodeFixProvider : CodeFixProvider
    {
        private static readonly string EquivalenceKey = Rules.NotPartial.Id + ":AddPartial";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rules.NotPartial.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                var declaration = root?.FindToken(diagnostic.Location.SourceSpan.Start).Parent?
                    .AncestorsAndSelf().OfType<TypeDeclarationSyntax>()
                    .FirstOrDefault(d => d.Identifier.Span == diagnostic.Location.SourceSpan);
                if (declaration is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Make '" + declaration.Identifier.ValueText + "' partial",
                        cancellationToken => AddPartialAsync(context.Document, declaration, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> AddPartialAsync(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(declaration, WithPartial(declaration)));
        }

        /// <summary><c>partial</c> goes last among the modifiers, right before the type keyword, as C# requires.</summary>
        private static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax declaration)
        {
            if (declaration.Modifiers.Count > 0)
            {
                return declaration.AddModifiers(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space));
            }

            var keyword = declaration.Keyword;
            var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return declaration
                .ReplaceToken(keyword, keyword.WithLeadingTrivia())
                .WithModifiers(SyntaxFactory.TokenList(partial));
        }
    }
}
