using System.Collections.Generic;

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

        /// <summary>In the constructor, after its checks: the deferred allocations, in declaration order.</summary>
        public void EmitDeferred(IndentedWriter w)
        {
            foreach (var (member, initialiser) in _deferred)
            {
                w.Line(member + " = " + initialiser + ";");
            }
        }

        /// <summary>A documented, get-only public array property.</summary>
        public void ArrayProperty(IndentedWriter w, string elementType, string name, string summary, string initialiser)
        {
            w.Line("/// <summary>" + summary + "</summary>");
            Declare(w, "public " + elementType + "[] " + name + " { get; }", name, initialiser, statement: false);
            w.Line();
        }

        /// <summary>A field: <paramref name="declaration"/> is everything before the initialiser.</summary>
        public void Field(IndentedWriter w, string declaration, string name, string initialiser) =>
            Declare(w, declaration, name, initialiser, statement: true);

        private void Declare(IndentedWriter w, string declaration, string name, string initialiser, bool statement)
        {
            if (_inConstructor)
            {
                w.Line(declaration + (statement ? ";" : ""));
                _deferred.Add((name, initialiser));
            }
            else
            {
                w.Line(declaration + " = " + initialiser + ";");
            }
        }
    }
}
