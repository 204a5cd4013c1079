using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using NormGen.Analyzers;
using NormGen.Configuration;

namespace NormGen.CodeFixes
{
    /// <summary>Writes out the layout a declaration without <c>Layout</c> gets, as its first argument:
    /// <c>[Normalize(Axes = "N,H,W")]</c> becomes <c>[Normalize(Layout = "NCHW", Axes = "N,H,W")]</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(DefaultLayoutCodeFixProvider)), Shared]
    public sealed class DefaultLayoutCodeFixProvider : CodeFixProvider
    {
        public static readonly string EquivalenceKey = Rules.LayoutNotGiven.Id + ":MakeLayoutExplicit";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rules.LayoutNotGiven.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                var attribute = root is null ? null : AttributeFix.AttributeAt(root, diagnostic);
                if (attribute is null || !diagnostic.Properties.TryGetValue(FixProperties.DefaultLayout, out var layout) || string.IsNullOrEmpty(layout))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    AttributeFix.Create(
                        "Make the layout explicit",
                        EquivalenceKey,
                        context.Document,
                        attribute,
                        a => AttributeArguments.SetFirst(a, "Layout", AttributeArguments.StringLiteral(layout!))),
                    diagnostic);
            }
        }
    }
}
