using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NormGen.CodeFixes
{
    /// <summary>Edits of the named arguments of an attribute, keeping the user's spacing.</summary>
    internal static class AttributeArguments
    {
        public static AttributeArgumentSyntax? Find(AttributeSyntax attribute, string name) =>
            attribute.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);

        public static ExpressionSyntax StringLiteral(string value) =>
            SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));

        public static ExpressionSyntax IntLiteral(int value) =>
            SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(value));

        /// <summary><paramref name="attribute"/> with <c>name = value</c>: the existing argument's value replaced, or a new
        /// argument inserted first.</summary>
        public static AttributeSyntax SetFirst(AttributeSyntax attribute, string name, ExpressionSyntax value) =>
            Set(attribute, name, value, after: null, first: true);

        /// <summary><paramref name="attribute"/> with <c>name = value</c>: the existing argument's value replaced, or a new
        /// argument inserted after <paramref name="after"/> (or at the end).</summary>
        public static AttributeSyntax Set(AttributeSyntax attribute, string name, ExpressionSyntax value, string? after = null) =>
            Set(attribute, name, value, after, first: false);

        private static AttributeSyntax Set(AttributeSyntax attribute, string name, ExpressionSyntax value, string? after, bool first)
        {
            var existing = Find(attribute, name);
            if (existing is not null)
            {
                return attribute.ReplaceNode(existing, existing.WithExpression(value.WithTriviaFrom(existing.Expression)));
            }

            var arguments = attribute.ArgumentList?.Arguments.ToList() ?? new List<AttributeArgumentSyntax>();
            var added = SyntaxFactory.AttributeArgument(
                SyntaxFactory.NameEquals(SyntaxFactory.IdentifierName(name), SyntaxFactory.Token(SyntaxKind.EqualsToken).WithLeadingTrivia(SyntaxFactory.Space).WithTrailingTrivia(SyntaxFactory.Space)),
                null,
                value);
            var anchor = after is null ? null : Find(attribute, after);
            int index = first ? 0 : anchor is null ? arguments.Count : arguments.FindIndex(a => a.Span == anchor.Span) + 1;
            arguments.Insert(index, added);
            return WithArguments(attribute, arguments);
        }

        /// <summary><paramref name="attribute"/> without the named arguments that are present.</summary>
        public static AttributeSyntax Remove(AttributeSyntax attribute, params string[] names)
        {
            if (attribute.ArgumentList is null)
            {
                return attribute;
            }

            var kept = attribute.ArgumentList.Arguments.Where(a => !names.Contains(a.NameEquals?.Name.Identifier.ValueText)).ToList();
            return kept.Count == attribute.ArgumentList.Arguments.Count ? attribute : WithArguments(attribute, kept);
        }

        /// <summary>Rebuilds the argument list, reusing the original commas (and their spacing) in order.</summary>
        private static AttributeSyntax WithArguments(AttributeSyntax attribute, List<AttributeArgumentSyntax> arguments)
        {
            var original = attribute.ArgumentList?.Arguments.GetSeparators().ToList() ?? new List<SyntaxToken>();
            var separators = Enumerable.Range(0, System.Math.Max(0, arguments.Count - 1))
                .Select(i => i < original.Count ? original[i] : SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
            var list = SyntaxFactory.SeparatedList(arguments.Select(a => a.WithLeadingTrivia(LeadingTriviaFor(a, arguments))), separators);
            var argumentList = attribute.ArgumentList ?? SyntaxFactory.AttributeArgumentList();
            return attribute.WithArgumentList(argumentList.WithArguments(list));
        }

        /// <summary>The first argument keeps its own leading trivia; the others follow a comma that carries the space.</summary>
        private static SyntaxTriviaList LeadingTriviaFor(AttributeArgumentSyntax argument, List<AttributeArgumentSyntax> arguments) =>
            arguments.IndexOf(argument) == 0 ? argument.GetLeadingTrivia() : argument.GetLeadingTrivia().Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia)).ToSyntaxTriviaList();
    }
}
