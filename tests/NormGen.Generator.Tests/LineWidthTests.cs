using System;
using System.Linq;
using NormGen.Generator.Emitting;
using NormGen.Generator.Tests.Infrastructure;

namespace NormGen.Generator.Tests
{
    /// <summary>Generated lines stay within <see cref="LineWrapper.MaxWidth"/> columns (a tab counted as four), and the
    /// wrapper breaks only between tokens.</summary>
    public sealed class LineWidthTests
    {
        [Fact]
        public void EveryValidConfigurationsGeneratedLinesFitTheWidth()
        {
            var run = GeneratorHarness.Run(ValidConfigurations.All.Select(c => LayerSource.Class(c.Name, c.Attribute)).ToArray());

            Assert.Null(run.Exception);
            var tooWide = run.Sources
                .SelectMany(s => s.Text.Split('\n').Select(line => (s.HintName, Line: line)))
                .Where(l => Columns(l.Line) > LineWrapper.MaxWidth)
                .Select(l => l.HintName + ": " + l.Line.Trim())
                .ToArray();
            Assert.True(tooWide.Length == 0, string.Join("\n", tooWide.Take(10)));
        }

        [Fact]
        public void AStringLiteralOrATrailingCommentIsNeverBroken()
        {
            string literal = "\"" + string.Join(", ", Enumerable.Repeat("a + b", 40)) + "\"";
            string line = "Call(" + literal + ", second, third); // " + string.Join(", ", Enumerable.Repeat("x - y", 20));

            var pieces = LineWrapper.Wrap(line, 2).ToArray();

            Assert.Contains(pieces, p => p.Piece.Contains(literal));
            Assert.Contains(pieces, p => p.Piece.EndsWith("// " + string.Join(", ", Enumerable.Repeat("x - y", 20)), StringComparison.Ordinal));
            Assert.Equal(line.Replace(" ", ""), string.Concat(pieces.Select(p => p.Piece)).Replace(" ", ""));
        }

        [Fact]
        public void ABreakPrefersTheShallowestLoosestPlace()
        {
            string condition = "if (" + string.Join(" || ", Enumerable.Range(0, 6).Select(i => "alpha" + i + " != beta" + i)) + ")";
            string line = condition + " Throw(" + string.Join(", ", Enumerable.Range(0, 8).Select(i => "argument" + i)) + ");";

            var pieces = LineWrapper.Wrap(line, 3).ToArray();

            // The condition fits on its own: the guarded statement starts the next line, one tab deeper.
            Assert.Equal(condition, pieces[0].Piece);
            Assert.False(pieces[0].Continued);
            Assert.StartsWith("Throw(", pieces[1].Piece, StringComparison.Ordinal);
            Assert.True(pieces.Skip(1).All(p => p.Continued));
            Assert.All(pieces, p => Assert.True(LineWrapper.Fits(3 + (p.Continued ? 1 : 0), p.Piece.Length), p.Piece));
        }

        [Fact]
        public void ACommentWrapsAtSpacesOutsideTagsUnderItsMarker()
        {
            string line = "/// " + string.Join(" ", Enumerable.Repeat("word <see cref=\"global::NormGen.Runtime.ParallelStatistics\"/>", 6));

            var pieces = LineWrapper.Wrap(line, 2).Select(p => p.Piece).ToArray();

            Assert.True(pieces.Length > 1);
            Assert.All(pieces, p => Assert.StartsWith("/// ", p, StringComparison.Ordinal));
            Assert.All(pieces, p => Assert.Equal(p.Count(c => c == '<'), p.Count(c => c == '>')));
            Assert.Equal(line, string.Join(" ", pieces.Select((p, i) => i == 0 ? p : p.Substring(4))));
        }

        private static int Columns(string line) => line.TrimEnd('\r').Replace("\t", "    ").Length;
    }
}
