using System;
using System.Collections.Generic;
using System.Linq;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// The registers of one sum in a <see cref="VectorLoop"/>: a vector for each unrolled copy of the body
    /// (<c>{Name}V</c>, <c>{Name}V1</c>, ...), so that the copies' additions do not wait on one another, and the
    /// scalar <c>{Name}</c> that the scalar tail adds to.
    /// </summary>
    internal sealed record VectorRegisters
    {
        public VectorRegisters(string name, int unroll)
        {
            if (unroll < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(unroll), unroll, $"The unroll factor of the registers '{name}' must be at least 1.");
            }

            Name = name;
            Unroll = unroll;
        }

        /// <summary>The scalar register, and the stem of the vector ones.</summary>
        public string Name { get; }

        /// <summary>How many vector registers: one per copy of the body in an iteration of the unrolled loop.</summary>
        public int Unroll { get; }

        /// <summary>The vector register of copy <paramref name="copy"/> (0 is also the plain vector loop's).</summary>
        public string Vector(int copy) => copy == 0 ? $"{Name}V" : $"{Name}V{copy}";

        /// <summary>Declares the scalar and every vector register, all zero (for sums that span several loops).</summary>
        public void Declare(IndentedWriter w, Names names)
        {
            w.Line($"{names.T} {Name} = {names.Zero};");
            DeclareVectors(w, names, from: 0);
        }

        /// <summary>Declares the vector registers of copies [<paramref name="from"/>, <paramref name="upTo"/>) (up to
        /// <see cref="Unroll"/> when not given), all zero.</summary>
        public void DeclareVectors(IndentedWriter w, Names names, int from, int? upTo = null)
        {
            int end = upTo ?? Unroll;
            w.Line($"{names.VectorT} {string.Join(", ", Enumerable.Range(from, end - from).Select(k => $"{Vector(k)} = default"))};");
        }

        /// <summary>The statement adding the other copies' vectors into copy 0's, pairwise.</summary>
        public string CombineVectors() => Unroll > 1
            ? $"{Vector(0)} += {PairwiseSum(Enumerable.Range(1, Unroll - 1).Select(Vector).ToList())};"
            : throw new InvalidOperationException($"The registers '{Name}' have one vector: there is nothing to combine.");

        /// <summary>The sum of every register: the vectors' lanes, pairwise, plus the scalar.</summary>
        public string Total() => $"{Names.Vector}.Sum({PairwiseSum(Enumerable.Range(0, Unroll).Select(Vector).ToList())}) + {Name}";

        /// <summary>(a + b) + (c + d): halves first, so no addition waits on more than one before it.</summary>
        private static string PairwiseSum(IReadOnlyList<string> terms)
        {
            if (terms.Count == 1)
            {
                return terms[0];
            }

            int half = (terms.Count + 1) / 2;
            return $"{Half(terms.Take(half).ToList())} + {Half(terms.Skip(half).ToList())}";
        }

        private static string Half(IReadOnlyList<string> terms) => terms.Count == 1 ? terms[0] : $"({PairwiseSum(terms)})";
    }
}
