using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Keeps generated lines at most <see cref="MaxWidth"/> columns wide (a tab counted as four). A comment line is
    /// wrapped at spaces outside XML tags under the same comment marker. A code line is broken between tokens, outside
    /// strings, characters and comments: after a comma, after the condition of an <c>if</c>, or before a binary operator
    /// — of those that keep a piece within the width, the one with the least parenthesis depth, then the loosest-binding
    /// (a comma or an <c>if</c>'s condition looser than any operator), then the last. Continuation lines go one tab deeper.
    /// </summary>
    internal static class LineWrapper
    {
        public const int MaxWidth = 150;

        private const int TabWidth = 4;

        public static bool Fits(int depth, int length) => depth * TabWidth + length <= MaxWidth;

        /// <summary>Appends <paramref name="line"/> (without its indentation) at <paramref name="depth"/> to
        /// <paramref name="text"/>, wrapped: each piece on a line of its own, a continuation one tab deeper.</summary>
        public static void AppendWrapped(StringBuilder text, string line, int depth)
        {
            if (CommentMarker(line) is { } marker)
            {
                foreach (var piece in WrapComment(line, marker, MaxWidth - depth * TabWidth))
                {
                    AppendLine(text, depth, piece, 0, piece.Length);
                }

                return;
            }

            var pieces = CodePieces(line, depth);
            for (int i = 0; i < pieces.Count; i++)
            {
                AppendLine(text, depth + (i > 0 ? 1 : 0), line, pieces[i].Start, pieces[i].Length);
            }
        }

        /// <summary>The pieces <see cref="AppendWrapped"/> writes of <paramref name="line"/> (without its indentation,
        /// at <paramref name="depth"/>), each with whether it continues the line before (and goes one tab deeper).</summary>
        public static IReadOnlyList<(string Piece, bool Continued)> Wrap(string line, int depth)
        {
            if (CommentMarker(line) is { } marker)
            {
                return WrapComment(line, marker, MaxWidth - depth * TabWidth).Select(piece => (piece, false)).ToArray();
            }

            return CodePieces(line, depth).Select((piece, i) => (line.Substring(piece.Start, piece.Length), i > 0)).ToArray();
        }

        private static string? CommentMarker(string line) =>
            line.StartsWith("///", StringComparison.Ordinal) ? "/// " : line.StartsWith("//", StringComparison.Ordinal) ? "// " : null;

        private static void AppendLine(StringBuilder text, int depth, string line, int start, int length)
        {
            text.Append('\t', depth);
            text.Append(line, start, length);
            text.Append('\n');
        }

        // Reused from line to line: a generated file wraps dozens of lines, each with dozens of places to break.
        [ThreadStatic]
        private static List<Break>? t_breaks;

        [ThreadStatic]
        private static List<(int Start, int Length)>? t_pieces;

        /// <summary>Where the pieces of a code line start and how long they are, without the spaces around them; valid
        /// until the next call on this thread.</summary>
        private static List<(int Start, int Length)> CodePieces(string line, int depth)
        {
            var breaks = t_breaks ??= new List<Break>();
            breaks.Clear();
            if (!line.StartsWith("#", StringComparison.Ordinal))
            {
                AddBreaks(line, breaks);
            }

            var pieces = t_pieces ??= new List<(int Start, int Length)>();
            pieces.Clear();
            int start = 0;
            bool continued = false;
            while (!Fits(depth + (continued ? 1 : 0), line.Length - start))
            {
                int end = start + MaxWidth - (depth + 1) * TabWidth;
                int best = -1;
                for (int i = 0; i < breaks.Count; i++)
                {
                    var candidate = breaks[i];
                    if (candidate.At > start && candidate.At <= end && (best < 0 || candidate.LooserOrAsLoose(breaks[best])))
                    {
                        best = i;
                    }
                }

                if (best < 0)
                {
                    break;
                }

                pieces.Add(Trimmed(line, start, breaks[best].At));
                start = breaks[best].At;
                continued = true;
            }

            pieces.Add(Trimmed(line, start, line.Length));
            return pieces;
        }

        /// <summary>line[start, end) without the white space around it.</summary>
        private static (int Start, int Length) Trimmed(string line, int start, int end)
        {
            while (start < end && char.IsWhiteSpace(line[start]))
            {
                start++;
            }

            while (end > start && char.IsWhiteSpace(line[end - 1]))
            {
                end--;
            }

            return (start, end - start);
        }

        /// <summary>A place a line may break before, its parenthesis depth and how loosely it binds (0 loosest).</summary>
        private readonly record struct Break(int At, int Depth, int Rank)
        {
            /// <summary>Shallower, or as deep and binding as loosely or looser.</summary>
            public bool LooserOrAsLoose(Break other) => Depth < other.Depth || Depth == other.Depth && Rank <= other.Rank;
        }

        private static void AddBreaks(string line, List<Break> breaks)
        {
            bool guardedStatement = line.StartsWith("if (", StringComparison.Ordinal);
            int depth = 0;
            for (int i = 0; i < line.Length; i++)
            {
                switch (line[i])
                {
                    case '"':
                    case '\'':
                        i = SkipLiteral(line, i);
                        break;
                    case '/':
                        if (i + 1 < line.Length && (line[i + 1] == '/' || line[i + 1] == '*'))
                        {
                            return;
                        }

                        break;
                    case '(':
                    case '[':
                    case '{':
                        depth++;
                        break;
                    case '<':
                        if (IsTypeArgumentList(line, i))
                        {
                            depth++;
                        }

                        break;
                    case ')':
                        depth--;
                        // After the condition of an if: the statement it guards goes on the next line.
                        if (depth == 0 && guardedStatement && i + 1 < line.Length && line[i + 1] == ' ')
                        {
                            breaks.Add(new Break(i + 1, 0, 0));
                        }

                        break;
                    case ']':
                    case '}':
                        depth--;
                        break;
                    case '>':
                        if (depth > 0 && line[i - 1] != ' ' && line[i - 1] != '=')
                        {
                            depth--;
                        }

                        break;
                    case ',':
                        breaks.Add(new Break(i + 1, depth, 0));
                        break;
                    case ' ':
                        if (OperatorRank(line, i) is > 0 and var rank)
                        {
                            breaks.Add(new Break(i, depth, rank));
                        }

                        break;
                }
            }
        }

        /// <summary>How tightly the binary operator starting at <paramref name="at"/> (its leading space, and a space
        /// after it) binds, loosest first: 1 <c>=&gt;</c>, 2 <c>?</c> <c>:</c>, 3 <c>||</c>, 4 <c>&amp;&amp;</c>,
        /// 5 <c>==</c> <c>!=</c>, 6 <c>&lt;=</c> <c>&lt;</c> <c>&gt;=</c> <c>&gt;</c>, 7 <c>+</c> <c>-</c>,
        /// 8 <c>*</c> <c>/</c>; 0 when none starts there.</summary>
        private static int OperatorRank(string line, int at)
        {
            if (at + 2 >= line.Length)
            {
                return 0;
            }

            char first = line[at + 1];
            char second = line[at + 2];
            if (second == ' ')
            {
                switch (first)
                {
                    case '?':
                    case ':':
                        return 2;
                    case '<':
                    case '>':
                        return 6;
                    case '+':
                    case '-':
                        return 7;
                    case '*':
                    case '/':
                        return 8;
                    default:
                        return 0;
                }
            }

            if (at + 3 >= line.Length || line[at + 3] != ' ')
            {
                return 0;
            }

            switch (first)
            {
                case '=':
                    return second == '>' ? 1 : second == '=' ? 5 : 0;
                case '|':
                    return second == '|' ? 3 : 0;
                case '&':
                    return second == '&' ? 4 : 0;
                case '!':
                    return second == '=' ? 5 : 0;
                case '<':
                case '>':
                    return second == '=' ? 6 : 0;
                default:
                    return 0;
            }
        }

        private static IEnumerable<string> WrapComment(string line, string marker, int width)
        {
            string rest = line;
            while (rest.Length > width)
            {
                int at = -1;
                bool inTag = false;
                for (int i = marker.Length; i < rest.Length && i <= width; i++)
                {
                    inTag = rest[i] == '<' || inTag && rest[i] != '>';
                    if (rest[i] == ' ' && !inTag)
                    {
                        at = i;
                    }
                }

                if (at < 0)
                {
                    break;
                }

                yield return rest.Substring(0, at);
                rest = marker + rest.Substring(at + 1);
            }

            yield return rest;
        }

        /// <summary>A '&lt;' that opens a type argument list: directly after an identifier character.</summary>
        private static bool IsTypeArgumentList(string line, int at) => at > 0 && (char.IsLetterOrDigit(line[at - 1]) || line[at - 1] == '_');

        /// <summary>The index of the quote that closes the string or character literal opening at <paramref name="start"/>.</summary>
        private static int SkipLiteral(string line, int start)
        {
            char quote = line[start];
            bool verbatim = quote == '"' && start > 0 && line[start - 1] == '@';
            for (int i = start + 1; i < line.Length; i++)
            {
                if (line[i] == '\\' && !verbatim)
                {
                    i++;
                }
                else if (line[i] == quote)
                {
                    if (verbatim && i + 1 < line.Length && line[i + 1] == quote)
                    {
                        i++;
                        continue;
                    }

                    return i;
                }
            }

            return line.Length;
        }
    }
}
