using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace NormGen.Analyzers
{
    /// <summary>The element count of a span argument when it is visible at the call: an array or <c>stackalloc</c>
    /// of constant size, or an initializer or collection expression without spreads, written in the argument itself.</summary>
    internal static class VisibleSpanLength
    {
        public static int? Of(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            switch (expression)
            {
                case ArrayCreationExpressionSyntax array:
                    return Sized(array.Type, array.Initializer, model, cancellationToken);
                case StackAllocArrayCreationExpressionSyntax stackAlloc when stackAlloc.Type is ArrayTypeSyntax arrayType:
                    return Sized(arrayType, stackAlloc.Initializer, model, cancellationToken);
                case ImplicitArrayCreationExpressionSyntax implicitArray:
                    return implicitArray.Initializer.Expressions.Count;
                case ImplicitStackAllocArrayCreationExpressionSyntax implicitStackAlloc:
                    return implicitStackAlloc.Initializer.Expressions.Count;
                case CollectionExpressionSyntax collection when collection.Elements.All(e => e is ExpressionElementSyntax):
                    return collection.Elements.Count;
                default:
                    return null;
            }
        }

        private static int? Sized(ArrayTypeSyntax type, InitializerExpressionSyntax? initializer, SemanticModel model, CancellationToken cancellationToken)
        {
            if (type.RankSpecifiers.Count != 1 || type.RankSpecifiers[0].Sizes.Count != 1)
            {
                return null;
            }

            var size = type.RankSpecifiers[0].Sizes[0];
            if (size.IsKind(SyntaxKind.OmittedArraySizeExpression))
            {
                return initializer?.Expressions.Count;
            }

            var constant = model.GetConstantValue(size, cancellationToken);
            return constant.HasValue && constant.Value is int length ? length : null;
        }
    }
}
