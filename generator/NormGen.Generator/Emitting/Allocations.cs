using System.Collections.Generic;
using System.Linq;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// The arrays a layer allocates once. A layer without a constructor of its own gives each its initialiser where it is
    /// declared; a layer with one (extents given at construction) declares them bare and the constructor assigns them,
    /// after it has checked its arguments, so a constructor that throws allocates nothing.
    /// </summary>
    internal sealed class Allocations
    {
        private readonly bool _inConstructor;
        private readonly List<(string Member, string Initialiser)> _deferred = new();

        public Allocations(bool inConstructor) => _inConstructor = inConstructor;

        /// <summary>In the constructor, after its checks: the deferred allocations, in declaration order, a line each.</summary>
        public string Deferred => string.Concat(_deferred.Select(d => $"{d.Member} = {d.Initialiser};\n"));

        /// <summary>Writes <see cref="Deferred"/>.</summary>
        public void EmitDeferred(IndentedWriter w) => w.Template($$"""
            {{Deferred}}
            """);

        /// <summary>A documented, get-only public array property.</summary>
        public void ArrayProperty(IndentedWriter w, string elementType, string name, string summary, string initialiser) => w.Template($$"""
            /// <summary>{{summary}}</summary>
            {{Declaration($"public {elementType}[] {name} {{ get; }}", name, initialiser, statement: false)}}

            """);

        /// <summary>A field: <paramref name="declaration"/> is everything before the initialiser.</summary>
        public void Field(IndentedWriter w, string declaration, string name, string initialiser) => w.Template($$"""
            {{Declaration(declaration, name, initialiser, statement: true)}}
            """);

        private string Declaration(string declaration, string name, string initialiser, bool statement)
        {
            if (!_inConstructor)
            {
                return $"{declaration} = {initialiser};";
            }

            _deferred.Add((name, initialiser));
            return statement ? $"{declaration};" : declaration;
        }
    }
}
