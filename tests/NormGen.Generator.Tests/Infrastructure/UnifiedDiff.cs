using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.Model;

namespace NormGen.Generator.Tests.Infrastructure
{
    /// <summary>A line diff in the unified format (<c>@@ -a,n +b,m @@</c> hunks with three lines of context), so a
    /// snapshot failure reads like <c>git diff</c>.</summary>
    internal static class UnifiedDiff
    {
        private const int Context = 3;

        public static string Create(string expected, string actual, string expectedName, string actualName)
        {
            // A final line feed ends the last line; it does not start an empty one.
            if (expected.EndsWith('\n') && actual.EndsWith('\n'))
            {
                expected = expected.Substring(0, expected.Length - 1);
                actual = actual.Substring(0, actual.Length - 1);
            }

            var result = Differ.Instance.CreateDiffs(expected, actual, ignoreWhiteSpace: false, ignoreCase: false, new LineChunker());
            var oldLines = result.PiecesOld;
            var newLines = result.PiecesNew;
            var text = new StringBuilder();
            text.Append("--- ").Append(expectedName).Append('\n');
            text.Append("+++ ").Append(actualName).Append('\n');

            foreach (var hunk in GroupIntoHunks(result.DiffBlocks))
            {
                var first = hunk[0];
                var last = hunk[hunk.Count - 1];
                int oldStart = Math.Max(0, first.DeleteStartA - Context);
                int oldEnd = Math.Min(oldLines.Count, last.DeleteStartA + last.DeleteCountA + Context);
                int newStart = first.InsertStartB - (first.DeleteStartA - oldStart);
                int newEnd = last.InsertStartB + last.InsertCountB + (oldEnd - (last.DeleteStartA + last.DeleteCountA));

                text.Append($"@@ -{oldStart + 1},{oldEnd - oldStart} +{newStart + 1},{newEnd - newStart} @@\n");
                int a = oldStart;
                foreach (var block in hunk)
                {
                    for (; a < block.DeleteStartA; a++)
                    {
                        text.Append(' ').Append(oldLines[a]).Append('\n');
                    }

                    for (int i = 0; i < block.DeleteCountA; i++)
                    {
                        text.Append('-').Append(oldLines[block.DeleteStartA + i]).Append('\n');
                    }

                    for (int i = 0; i < block.InsertCountB; i++)
                    {
                        text.Append('+').Append(newLines[block.InsertStartB + i]).Append('\n');
                    }

                    a = block.DeleteStartA + block.DeleteCountA;
                }

                for (; a < oldEnd; a++)
                {
                    text.Append(' ').Append(oldLines[a]).Append('\n');
                }
            }

            return text.ToString();
        }

        // Blocks whose context windows touch or overlap share one hunk.
        private static List<List<DiffBlock>> GroupIntoHunks(IEnumerable<DiffBlock> blocks)
        {
            var hunks = new List<List<DiffBlock>>();
            foreach (var block in blocks.OrderBy(b => b.DeleteStartA))
            {
                var current = hunks.LastOrDefault();
                if (current is not null)
                {
                    var previous = current[current.Count - 1];
                    int previousEnd = previous.DeleteStartA + previous.DeleteCountA;
                    if (block.DeleteStartA - previousEnd <= 2 * Context)
                    {
                        current.Add(block);
                        continue;
                    }
                }

                hunks.Add(new List<DiffBlock> { block });
            }

            return hunks;
        }
    }
}
