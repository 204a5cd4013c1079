using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using NormGen.Analyzers;
using NormGen.Configuration;

namespace NormGen.CodeFixes
{
    /// <summary>Replaces <c>Groups</c> by a divisor of the channel count near the requested value (one action per
    /// candidate), or removes <c>Groups</c> where it cannot apply or says nothing.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(GroupsCodeFixProvider)), Shared]
    public sealed class GroupsCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            Rules.ChannelsNotDivisibleByGroups.Id,
            Rules.GroupsOutOfRange.Id,
            Rules.GroupsWithReducedChannels.Id,
            Rules.GroupsEqualChannelsIsInstanceNorm.Id);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                var attribute = root is null ? null : AttributeFix.AttributeAt(root, diagnostic);
                if (attribute is null)
                {
                    continue;
                }

                if (diagnostic.Properties.TryGetValue(FixProperties.GroupCandidates, out var candidates) && !string.IsNullOrEmpty(candidates))
                {
                    foreach (var text in candidates!.Split(','))
                    {
                        int groups = int.Parse(text, CultureInfo.InvariantCulture);
                        context.RegisterCodeFix(
                            AttributeFix.Create(
                                "Use Groups = " + text,
                                diagnostic.Id + ":Groups=" + text,
                                context.Document,
                                attribute,
                                a => AttributeArguments.Set(a, "Groups", AttributeArguments.IntLiteral(groups))),
                            diagnostic);
                    }
                }

                if (diagnostic.Properties.ContainsKey(FixProperties.RemoveGroups))
                {
                    context.RegisterCodeFix(
                        AttributeFix.Create("Remove Groups", diagnostic.Id + ":RemoveGroups", context.Document, attribute, a => AttributeArguments.Remove(a, "Groups")),
                        diagnostic);
                }
            }
        }
    }
}
