using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace NormGen.Analyzers
{
    /// <summary>
    /// Decides whether a layer visibly trains at a call: <c>Training</c> starts true, so the layer trains unless
    /// something may have changed it. The layer must be created in sight (a local, a field or property of the
    /// calling type, <c>this</c>, or a <c>new</c> expression), and no <c>Training = …</c> other than
    /// <c>Training = true</c> may appear where it lives: the calling member for a local or a <c>new</c> expression,
    /// every declaration of the calling type for a field, a property or <c>this</c>. Anything else is unknown,
    /// and unknown is not reported.
    /// </summary>
    internal static class TrainingVisibility
    {
        private const string TrainingProperty = "Training";

        public static bool Trains(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            var instance = Unwrap(invocation.Instance);
            IEnumerable<SyntaxNode> scope;
            switch (instance)
            {
                case ILocalReferenceOperation local when CreatedInPlace(local, cancellationToken):
                case IObjectCreationOperation:
                    scope = new[] { Root(invocation).Syntax };
                    break;
                case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                    scope = Declarations(field.Field.ContainingType, cancellationToken);
                    break;
                case IPropertyReferenceOperation { Instance: null or IInstanceReferenceOperation } property:
                    scope = Declarations(property.Property.ContainingType, cancellationToken);
                    break;
                case IInstanceReferenceOperation self:
                    scope = Declarations(self.Type as INamedTypeSymbol, cancellationToken);
                    break;
                default:
                    return false;
            }

            return !scope.Any(node => SetsTrainingOtherThanTrue(node));
        }

        private static IOperation? Unwrap(IOperation? operation)
        {
            while (operation is IConversionOperation or IParenthesizedOperation)
            {
                operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
            }

            return operation;
        }

        /// <summary>True when the local is declared with a <c>new</c> expression as its initializer.</summary>
        private static bool CreatedInPlace(ILocalReferenceOperation local, CancellationToken cancellationToken) =>
            local.Local.DeclaringSyntaxReferences.Length == 1
            && local.Local.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is VariableDeclaratorSyntax
            {
                Initializer.Value: ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax,
            };

        private static IOperation Root(IOperation operation)
        {
            while (operation.Parent is not null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        private static IEnumerable<SyntaxNode> Declarations(INamedTypeSymbol? type, CancellationToken cancellationToken) =>
            type is null
                ? new SyntaxNode[] { }
                : type.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken));

        private static bool SetsTrainingOtherThanTrue(SyntaxNode scope) =>
            scope.DescendantNodes().OfType<AssignmentExpressionSyntax>().Any(assignment =>
                NamesTraining(assignment.Left)
                && !(assignment.IsKind(SyntaxKind.SimpleAssignmentExpression) && assignment.Right.IsKind(SyntaxKind.TrueLiteralExpression)));

        private static bool NamesTraining(ExpressionSyntax target) => target switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == TrainingProperty,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == TrainingProperty,
            _ => false,
        };
    }
}
