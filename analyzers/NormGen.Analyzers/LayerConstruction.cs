using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>
    /// The construction of a layer whose channel count or element-wise extents are given to its constructor
    /// (<c>new BlockNorm(64)</c>): the constructor's arguments, and the <c>new</c> expression that made the instance
    /// a call is made on, when it is in sight and nothing can have replaced it since. That is the instance itself, a
    /// local declared with it and never assigned again, a readonly field or a get-only auto-property initialised with
    /// it and never assigned in its type, or an expression-bodied property returning it. Anything else is unknown.
    /// </summary>
    internal static class LayerConstruction
    {
        /// <summary>The extents <paramref name="creation"/> gives the generated constructor, one per construction axis in
        /// layout order (value null when not a constant), or null when it calls another constructor.</summary>
        public static CallExtent[]? Arguments(IObjectCreationOperation creation, LayerConfiguration configuration)
        {
            var axes = configuration.ConstructionAxes;
            var constructor = creation.Constructor;
            if (axes.Length == 0 || constructor is null || constructor.Parameters.Length != axes.Length)
            {
                return null;
            }

            for (int i = 0; i < axes.Length; i++)
            {
                var parameter = constructor.Parameters[i];
                if (parameter.Type.SpecialType != SpecialType.System_Int32 || parameter.Name != axes[i].Axis.ParameterName())
                {
                    return null;
                }
            }

            return axes.Select(axis =>
            {
                var argument = creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == axis.Axis.ParameterName());
                var constant = argument?.Value.ConstantValue;
                int? value = constant is { HasValue: true, Value: int v } ? v : null;
                return new CallExtent(axis, value, argument);
            }).ToArray();
        }

        /// <summary>The constant extents the instance was visibly constructed with, by axis; empty when the
        /// construction is not in sight.</summary>
        public static Dictionary<Axis, int> VisibleExtents(IOperation? instance, LayerConfiguration configuration, CancellationToken cancellationToken)
        {
            var extents = new Dictionary<Axis, int>();
            var creation = Find(instance, cancellationToken);
            if (creation is not null && Arguments(creation, configuration) is { } arguments)
            {
                foreach (var extent in arguments.Where(e => e.Value is not null))
                {
                    extents[extent.Axis.Axis] = extent.Value!.Value;
                }
            }

            return extents;
        }

        /// <summary>The <c>new</c> expression that made <paramref name="instance"/>, or null when it is not in sight.</summary>
        public static IObjectCreationOperation? Find(IOperation? instance, CancellationToken cancellationToken)
        {
            instance = Unwrap(instance);
            var model = instance?.SemanticModel;
            switch (instance)
            {
                case IObjectCreationOperation creation:
                    return creation;
                case ILocalReferenceOperation local when model is not null:
                    return Single(local.Local.DeclaringSyntaxReferences, cancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer } declarator
                        && !Assigned(local.Local.Name, LocalScope(declarator))
                        ? Created(initializer.Value, model, cancellationToken)
                        : null;
                case IFieldReferenceOperation { Field.IsReadOnly: true } field when model is not null:
                    return Single(field.Field.DeclaringSyntaxReferences, cancellationToken) is VariableDeclaratorSyntax { Initializer: { } fieldInitializer }
                        && !AssignedInType(field.Field, cancellationToken)
                        ? Created(fieldInitializer.Value, model, cancellationToken)
                        : null;
                case IPropertyReferenceOperation { Property.SetMethod: null } property when model is not null:
                    return Single(property.Property.DeclaringSyntaxReferences, cancellationToken) switch
                    {
                        PropertyDeclarationSyntax { ExpressionBody: { } body } => Created(body.Expression, model, cancellationToken),
                        PropertyDeclarationSyntax { Initializer: { } propertyInitializer, AccessorList: { } accessors }
                            when accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null)
                            && !AssignedInType(property.Property, cancellationToken) => Created(propertyInitializer.Value, model, cancellationToken),
                        _ => null,
                    };
                default:
                    return null;
            }
        }

        private static IOperation? Unwrap(IOperation? operation)
        {
            while (operation is IConversionOperation or IParenthesizedOperation)
            {
                operation = operation is IConversionOperation conversion ? conversion.Operand : ((IParenthesizedOperation)operation).Operand;
            }

            return operation;
        }

        private static SyntaxNode? Single(System.Collections.Immutable.ImmutableArray<SyntaxReference> references, CancellationToken cancellationToken) =>
            references.Length == 1 ? references[0].GetSyntax(cancellationToken) : null;

        /// <summary>The creation an initializer in the tree of <paramref name="model"/> evaluates to; null for another
        /// tree (a field of a partial class declared in another file), which this model cannot bind.</summary>
        private static IObjectCreationOperation? Created(ExpressionSyntax expression, SemanticModel model, CancellationToken cancellationToken) =>
            expression.SyntaxTree == model.SyntaxTree ? Unwrap(model.GetOperation(expression, cancellationToken)) as IObjectCreationOperation : null;

        /// <summary>Where a local can be assigned: its member, or the whole file for a top-level statement.</summary>
        private static SyntaxNode LocalScope(SyntaxNode declarator)
        {
            var member = declarator.Ancestors().OfType<MemberDeclarationSyntax>().FirstOrDefault();
            return member is null or GlobalStatementSyntax ? declarator.SyntaxTree.GetRoot() : member;
        }

        /// <summary>True when a field or property may be assigned after its initializer: in any declaration of its type.</summary>
        private static bool AssignedInType(ISymbol member, CancellationToken cancellationToken) =>
            member.ContainingType.DeclaringSyntaxReferences.Any(r => Assigned(member.Name, r.GetSyntax(cancellationToken)));

        /// <summary>True when <paramref name="scope"/> assigns, or passes by reference, something named <paramref name="name"/>.
        /// By name only: a same-named variable elsewhere in the scope makes the value unknown, never wrong.</summary>
        private static bool Assigned(string name, SyntaxNode scope) =>
            scope.DescendantNodes().OfType<IdentifierNameSyntax>().Any(identifier =>
                identifier.Identifier.ValueText == name && IsWritten(identifier));

        private static bool IsWritten(IdentifierNameSyntax identifier)
        {
            SyntaxNode target = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
            return target.Parent switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left == target,
                ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
                RefExpressionSyntax => true,
                _ => false,
            };
        }
    }
}
