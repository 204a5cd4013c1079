using System;
using System.Collections.Generic;

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

        /// <summary>Binary operators by how tightly they bind, loosest first.</summary>
        private static readonly string[][] Operators =
        {
            new[] { " => " },
            new[] { " ? ", " : " },
            new[] { " || " },
            new[] { " && " },
            new[] { " == ", " != " },
            new[] { " <= ", " < ", " >= ", " > " },
            new[] { " + ", " - " },
            new[] { " * ", " / " },
        };

        public static bool Fits(int depth, int length) => depth * TabWidth + length <= MaxWidth;

        /// <summary>The pieces of <paramref name="line"/> (without its indentation, at <paramref name="depth"/>), each
        /// with whether it continues the line before (and goes one tab deeper).</summary>
        public static IEnumerable<(string Piece, bool Continued)> Wrap(string line, int depth)
        {
            string marker = line.StartsWith("///", StringComparison.Ordinal) ? "/// " : line.StartsWith("//", StringComparison.Ordinal) ? "// " : "";
            if (marker.Length > 0)
            {
                foreach (var piece in WrapComment(line, marker, MaxWidth - depth * TabWidth))
                {
                    yield return (piece, false);
                }

                yield break;
            }

            var breaks = line.StartsWith("#", StringComparison.Ordinal) ? new List<Break>() : Breaks(line);
            int start = 0;
            bool continued = false;
            while (!Fits(depth + (continued ? 1 : 0), line.Length - start))
            {
                int end = start + MaxWidth - (depth + 1) * TabWidth;
                Break? best = null;
                foreach (var candidate in breaks)
                {
                    if (candidate.At > start && candidate.At <= end && (best is null || candidate.Key.CompareTo(best.Value.Key) <= 0))
                    {
                        best = candidate;
                    }
                }

                if (best is null)
                {
                    break;
                }

                yield return (line.Substring(start, best.Value.At - start).Trim(), continued);
                start = best.Value.At;
                continued = true;
            }

            yield return (line.Substring(start).Trim(), continued);
        }

        /// <summary>A place a line may break before, its parenthesis depth and how loosely it binds (0 loosest).</summary>
        private readonly record struct Break(int At, int Depth, int Rank)
        {
            public (int, int) Key => (Depth, Rank);
        }

        private static List<Break> Breaks(string line)
        {
            var breaks = new List<Break>();
            bool guardedStatement = line.StartsWith("if (", StringComparison.Ordinal);
            int depth = 0;
            for (int i = 0; i < line.Length; i++)
            {
                char c = line[i];
                if (c == '"' || c == '\'')
                {
                    i = SkipLiteral(line, i);
                }
                else if (c == '/' && i + 1 < line.Length && (line[i + 1] == '/' || line[i + 1] == '*'))
                {
                    break;
                }
                else if (c == '(' || c == '[' || c == '{' || c == '<' && IsTypeArgumentList(line, i))
                {
                    depth++;
                }
                else if (c == ')' || c == ']' || c == '}' || c == '>' && depth > 0 && line[i - 1] != ' ' && line[i - 1] != '=')
                {
                    depth--;
                    // After the condition of an if: the statement it guards goes on the next line.
                    if (c == ')' && depth == 0 && guardedStatement && i + 1 < line.Length && line[i + 1] == ' ')
                    {
                        breaks.Add(new Break(i + 1, 0, 0));
                    }
                }
                else if (c == ',')
                {
                    breaks.Add(new Break(i + 1, depth, 0));
                }
                else if (c == ' ' && OperatorRank(line, i) is > 0 and var rank)
                {
                    breaks.Add(new Break(i, depth, rank));
                }
            }

            return breaks;
        }

        /// <summary>How tightly the binary operator starting at <paramref name="at"/> (its leading space) binds, from 1
        /// (a lambda arrow) up; 0 when none starts there.</summary>
        private static int OperatorRank(string line, int at)
        {
            for (int rank = 0; rank < Operators.Length; rank++)
            {
                foreach (var op in Operators[rank])
                {
                    if (string.CompareOrdinal(line, at, op, 0, op.Length) == 0)
                    {
                        return rank + 1;
                    }
                }
            }

            return 0;
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
