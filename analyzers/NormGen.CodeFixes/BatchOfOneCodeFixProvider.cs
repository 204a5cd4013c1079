using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NormGen.Analyzers;
using NormGen.Configuration;

namespace NormGen.CodeFixes
{
    /// <summary>Turns a BatchNorm declared over one sample into the InstanceNorm or GroupNorm configuration the
    /// analyzer checked (the batch axis leaves <c>Axes</c>; GroupNorm also drops the running-statistics options).</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(BatchOfOneCodeFixProvider)), Shared]
    public sealed class BatchOfOneCodeFixProvider : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(Rules.BatchOfOne.Id);

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

                if (diagnostic.Properties.TryGetValue(FixProperties.InstanceNormAxes, out var instanceAxes) && instanceAxes is not null)
                {
                    context.RegisterCodeFix(
                        AttributeFix.Create(
                            "Use InstanceNorm (Axes = \"" + instanceAxes + "\")",
                            "NG0005:InstanceNorm",
                            context.Document,
                            attribute,
                            a => AttributeArguments.Set(a, "Axes", AttributeArguments.StringLiteral(instanceAxes))),
                        diagnostic);
                }

                if (diagnostic.Properties.TryGetValue(FixProperties.GroupNormAxes, out var groupAxes) && groupAxes is not null
                    && diagnostic.Properties.TryGetValue(FixProperties.GroupNormGroups, out var groupsText) && groupsText is not null)
                {
                    int groups = int.Parse(groupsText, CultureInfo.InvariantCulture);
                    context.RegisterCodeFix(
                        AttributeFix.Create(
                            "Use GroupNorm (Axes = \"" + groupAxes + "\", Groups = " + groupsText + ")",
                            "NG0005:GroupNorm",
                            context.Document,
                            attribute,
                            a => ToGroupNorm(a, groupAxes, groups)),
                        diagnostic);
                }
            }
        }

        private static AttributeSyntax ToGroupNorm(AttributeSyntax attribute, string axes, int groups)
        {
            var withAxes = AttributeArguments.Set(attribute, "Axes", AttributeArguments.StringLiteral(axes));
            var withGroups = AttributeArguments.Set(withAxes, "Groups", AttributeArguments.IntLiteral(groups), after: "Axes");
            return AttributeArguments.Remove(withGroups, "TrackRunningStats", "Momentum", "CumulativeAverage");
        }
    }
}
