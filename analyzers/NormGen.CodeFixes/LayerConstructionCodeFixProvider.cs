using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NormGen.Analyzers;
using NormGen.Configuration;

namespace NormGen.CodeFixes
{
    /// <summary>Replaces a channel count passed to a constructor that is not a multiple of <c>Groups</c>
    /// (<c>new BlockNorm(30)</c> with 8 groups) by a nearby multiple, one action per candidate.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LayerConstructionCodeFixProvider)), Shared]
    public sealed class LayerConstructionCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rules.ChannelsNotDivisibleByGroups.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root?.FindNode(diagnostic.Location.SourceSpan) is not ArgumentSyntax argument
                    || !diagnostic.Properties.TryGetValue(FixProperties.ChannelCandidates, out var candidates) || string.IsNullOrEmpty(candidates))
                {
                    continue;
                }

                foreach (var text in candidates!.Split(','))
                {
                    int channels = int.Parse(text, CultureInfo.InvariantCulture);
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Use " + text + " channels",
                            cancellationToken => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(
                                argument.Expression,
                                AttributeArguments.IntLiteral(channels).WithTriviaFrom(argument.Expression)))),
                            diagnostic.Id + ":channels=" + text),
                        diagnostic);
                }
            }
        }
    }
}
