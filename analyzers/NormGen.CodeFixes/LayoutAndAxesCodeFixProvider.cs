using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using NormGen.Analyzers;
using NormGen.Configuration;

namespace NormGen.CodeFixes
{
    /// <summary>Corrects a mistyped <c>Layout</c> or <c>Axes</c> when the analyzer found exactly one close match.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LayoutAndAxesCodeFixProvider)), Shared]
    public sealed class LayoutAndAxesCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            Rules.UnknownLayoutLetter.Id,
            Rules.RepeatedLayoutLetter.Id,
            Rules.LayoutWithoutChannels.Id,
            Rules.UnknownAxis.Id,
            Rules.RepeatedAxis.Id,
            Rules.AxisNotInLayout.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                var attribute = root is null ? null : AttributeFix.AttributeAt(root, diagnostic);
                var argument = root?.FindNode(diagnostic.Location.SourceSpan) as Microsoft.CodeAnalysis.CSharp.Syntax.AttributeArgumentSyntax;
                if (attribute is null || argument?.NameEquals is null
                    || !diagnostic.Properties.TryGetValue(FixProperties.Replacement, out var replacement) || replacement is null)
                {
                    continue;
                }

                string property = argument.NameEquals.Name.Identifier.ValueText;
                context.RegisterCodeFix(
                    AttributeFix.Create(
                        "Change " + property + " to \"" + replacement + "\"",
                        diagnostic.Id + ":Correct" + property,
                        context.Document,
                        attribute,
                        a => AttributeArguments.Set(a, property, AttributeArguments.StringLiteral(replacement))),
                    diagnostic);
            }
        }
    }
}
