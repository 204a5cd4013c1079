using System;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// A per-call scratch span of a kernel, starting at a cache line. Of a constant length, it is a <c>stackalloc</c>. Of a length known only at run
    /// time (a channel count given to the constructor), it is a <c>stackalloc</c> up to a bound and beyond it an array
    /// rented from the shared pool, cleared (a <c>stackalloc</c> is zeroed), and returned when the kernel ends: disposing
    /// the scope writes that return, so declare it with <c>using var</c> at the top of the kernel's block.
    /// </summary>
    internal sealed class ScratchSpan : IDisposable
    {
        private readonly IndentedWriter _writer;
        private readonly string? _rented;
        private readonly string _elementType;

        private ScratchSpan(IndentedWriter writer, string? rented, string elementType)
        {
            _writer = writer;
            _rented = rented;
            _elementType = elementType;
        }

        /// <summary>Declares <c>Span&lt;elementType&gt; name</c> of <paramref name="length"/> elements (code); a constant length
        /// is given as <paramref name="constantLength"/>, else <paramref name="stackLimit"/> bounds the stack part;
        /// <paramref name="elementBytes"/> is the size of one element.</summary>
        public static ScratchSpan Declare(IndentedWriter w, string elementType, int elementBytes, string name, int? constantLength, string length, int stackLimit)
        {
            string span = $"{Names.Span}<{elementType}> {name}";
            if (constantLength is { } constant)
            {
                w.Line($"{span} = {OnStack(elementType, elementBytes, Names.Int(constant))};");
                return new ScratchSpan(w, null, elementType);
            }

            string rented = $"{name}Rented";
            w.Template($$"""
                int {{name}}Length = {{length}};
                {{elementType}}[]? {{rented}} = null;
                {{span}} = {{name}}Length <= {{stackLimit}} ? {{OnStack(elementType, elementBytes, $"{name}Length")}}
                	: new {{Names.Span}}<{{elementType}}>({{rented}} = {{KernelSnippets.Pool(elementType)}}.Rent({{name}}Length), 0, {{name}}Length);
                if ({{rented}} is not null) {{name}}.Clear();
                """);
            return new ScratchSpan(w, rented, elementType);
        }

        /// <summary>A stack span of <paramref name="length"/> elements starting at a cache line (the runtime's
        /// <c>Buffers.AlignedSlice</c> of a cache line's bytes more), so that its vector loads never straddle two lines.</summary>
        private static string OnStack(string elementType, int elementBytes, string length) =>
            $"{Names.Buffers}.AlignedSlice<{elementType}>(stackalloc {elementType}[{length} + {CacheLineBytes / elementBytes}], {length})";

        /// <summary>The runtime's <c>Buffers.CacheLineBytes</c>.</summary>
        private const int CacheLineBytes = 64;

        public void Dispose()
        {
            if (_rented is not null)
            {
                _writer.Line($"if ({_rented} is not null) {KernelSnippets.Pool(_elementType)}.Return({_rented});");
            }
        }
    }
}
