using System;
using System.Collections.Generic;
using System.Linq;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>
    /// Corrections for a mistyped <c>Layout</c> or <c>Axes</c>, offered only when exactly one close match exists
    /// and the validator accepts it.
    /// </summary>
    internal static class SpellingCorrections
    {
        /// <summary>The layouts users write; a typo is matched against these.</summary>
        private static readonly string[] CommonLayouts = { "NC", "NCL", "NLC", "LNC", "NCHW", "NHWC", "NCDHW", "NDHWC" };

        /// <summary>The layout the user most likely meant: the same letters in upper case, or the one common layout
        /// one edit (insertion, deletion, substitution or swap of neighbours) away.</summary>
        public static string? Layout(NormalizeOptions options)
        {
            string upper = options.Layout.ToUpperInvariant();
            if (upper != options.Layout && LayoutAccepted(options with { Layout = upper }))
            {
                return upper;
            }

            var close = CommonLayouts.Where(l => EditDistance(upper, l) == 1).ToArray();
            return close.Length == 1 && LayoutAccepted(options with { Layout = close[0] }) ? close[0] : null;
        }

        /// <summary>
        /// The axes the user most likely meant: entries upper-cased, run-together letters ("HW") separated, and a
        /// letter the layout lacks (or a repeated one) replaced by the one non-channel layout axis not yet reduced.
        /// </summary>
        public static string? Axes(NormalizeOptions options)
        {
            var layout = options.Layout;
            var entries = new List<string>();
            foreach (var raw in options.Axes.Split(',').Select(e => e.Trim()).Where(e => e.Length > 0))
            {
                string entry = raw.ToUpperInvariant();
                if (entry.Length > 1 && entry.All(c => AxisNames.Letters.IndexOf(c) >= 0))
                {
                    entries.AddRange(entry.Select(c => c.ToString()));
                }
                else
                {
                    entries.Add(entry);
                }
            }

            var misplaced = entries
                .Select((e, i) => (Entry: e, Index: i))
                .Where(x => layout.IndexOf(x.Entry, StringComparison.Ordinal) < 0 || entries.IndexOf(x.Entry) != x.Index)
                .ToArray();
            var missing = layout.Where(c => c != 'C' && !entries.Contains(c.ToString())).ToArray();
            if (misplaced.Length == 1 && missing.Length == 1)
            {
                entries[misplaced[0].Index] = missing[0].ToString();
            }

            string corrected = string.Join(options.Axes.Contains(", ") ? ", " : ",", entries);
            return corrected != options.Axes && AxesAccepted(options with { Axes = corrected }) ? corrected : null;
        }

        /// <summary>Optimal string alignment distance between <paramref name="a"/> and <paramref name="b"/>.</summary>
        internal static int EditDistance(string a, string b)
        {
            var d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (int j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    {
                        d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                    }
                }
            }

            return d[a.Length, b.Length];
        }

        private static bool LayoutAccepted(NormalizeOptions options) => !HasProblemWith(options, "Layout");

        private static bool AxesAccepted(NormalizeOptions options) => !HasProblemWith(options, "Axes");

        private static bool HasProblemWith(NormalizeOptions options, string property) =>
            ConfigurationValidator.Validate(options).Problems.Any(p => p.Property == property && p.Severity == ProblemSeverity.Error);
    }
}
