using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NormGen.CodeFixes
{
    /// <summary>A code action that rewrites the attribute a diagnostic is on.</summary>
    internal static class AttributeFix
    {
        /// <summary>The attribute that contains the diagnostic's location.</summary>
        public static AttributeSyntax? AttributeAt(SyntaxNode root, Diagnostic diagnostic) =>
            root.FindNode(diagnostic.Location.SourceSpan).AncestorsAndSelf().OfType<AttributeSyntax>().FirstOrDefault();

        public static CodeAction Create(string title, string equivalenceKey, Document document, AttributeSyntax attribute, Func<AttributeSyntax, AttributeSyntax> rewrite) =>
            CodeAction.Create(title, cancellationToken => RewriteAsync(document, attribute, rewrite, cancellationToken), equivalenceKey);

        private static async Task<Document> RewriteAsync(Document document, AttributeSyntax attribute, Func<AttributeSyntax, AttributeSyntax> rewrite, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(attribute, rewrite(attribute)));
        }
    }
}
