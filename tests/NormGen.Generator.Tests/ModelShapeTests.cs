using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using NormGen.Configuration;
using NormGen.Generator.Model;

namespace NormGen.Generator.Tests
{
    /// <summary>The pipeline model holds no Roslyn objects (they would keep compilations alive and defeat caching)
    /// and no arrays compared by reference.</summary>
    public sealed class ModelShapeTests
    {
        private static readonly Type[] RoslynTypes =
        {
            typeof(ISymbol), typeof(SyntaxNode), typeof(SyntaxToken), typeof(SyntaxTree), typeof(Location),
            typeof(Compilation), typeof(SemanticModel), typeof(AttributeData), typeof(TypedConstant),
        };

        [Fact]
        public void LayerModelHoldsNoRoslynTypes()
        {
            var found = FindTypes(typeof(LayerModel), t => RoslynTypes.Any(r => r.IsAssignableFrom(t)));

            Assert.True(found.Count == 0, "Roslyn types reachable from LayerModel:\n" + string.Join("\n", found));
        }

        [Fact]
        public void LayerModelStoresNoReferenceComparedCollections()
        {
            // Record equality compares fields; an array or ImmutableArray field compares by reference.
            var found = FindTypes(typeof(LayerModel), IsReferenceComparedCollection, fieldsOnly: true);

            Assert.True(found.Count == 0, "Collections compared by reference in LayerModel:\n" + string.Join("\n", found));
        }

        [Fact]
        public void TheWalkFindsARoslynTypeNestedInACollection()
        {
            // Shows the two checks above can fail.
            var roslyn = FindTypes(typeof(BadModel), t => RoslynTypes.Any(r => r.IsAssignableFrom(t)));
            var arrays = FindTypes(typeof(BadModel), IsReferenceComparedCollection, fieldsOnly: true);

            Assert.Equal(new[] { "BadModel.Inner.Where -> Location", "BadModel.Symbols -> ISymbol" }, roslyn.OrderBy(s => s, StringComparer.Ordinal));
            Assert.Equal(new[] { "BadModel.<Names>k__BackingField -> String[]", "BadModel.<Symbols>k__BackingField -> ImmutableArray`1" }, arrays.OrderBy(s => s, StringComparer.Ordinal));
        }

        /// <summary>Paths from <paramref name="root"/> to every reachable type matching <paramref name="isBad"/>,
        /// following properties (or instance fields), element types of collections and type arguments.</summary>
        private static List<string> FindTypes(Type root, Func<Type, bool> isBad, bool fieldsOnly = false)
        {
            var found = new List<string>();
            var visited = new HashSet<Type>();
            Walk(root, root.Name, found, visited, isBad, fieldsOnly);
            return found;
        }

        private static void Walk(Type type, string path, List<string> found, HashSet<Type> visited, Func<Type, bool> isBad, bool fieldsOnly)
        {
            if (isBad(type))
            {
                found.Add(path + " -> " + type.Name);
                return;
            }

            if (!visited.Add(type) || type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal))
            {
                return;
            }

            foreach (var inner in ElementTypes(type))
            {
                Walk(inner, path, found, visited, isBad, fieldsOnly);
            }

            // EquatableArray compares its elements; its own array field is the point of it.
            if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(EquatableArray<>))
            {
                return;
            }

            if (type.Namespace is { } ns && (ns.StartsWith("System", StringComparison.Ordinal) || ns.StartsWith("Microsoft", StringComparison.Ordinal)))
            {
                return;
            }

            const BindingFlags Instance = BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic;
            var members = fieldsOnly
                ? type.GetFields(Instance).Select(f => (f.Name, f.FieldType))
                : type.GetProperties(Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract").Select(p => (p.Name, p.PropertyType));
            foreach (var (name, memberType) in members)
            {
                Walk(memberType, path + "." + name, found, visited, isBad, fieldsOnly);
            }
        }

        // Element types of arrays and generic collections (EquatableArray<T>, ImmutableArray<T>, Nullable<T>, ...).
        private static IEnumerable<Type> ElementTypes(Type type)
        {
            if (type.IsArray)
            {
                return new[] { type.GetElementType()! };
            }

            return type.IsGenericType ? type.GetGenericArguments() : Type.EmptyTypes;
        }

        private static bool IsReferenceComparedCollection(Type type) =>
            type.IsArray
            || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
            || (!type.IsValueType && type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type));

        private sealed record BadInner(int Value, Location? Where);

        private sealed record BadModel(string Name, BadInner Inner, ImmutableArray<ISymbol> Symbols, string[] Names);
    }
}
