using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using NormGen.Configuration;
using Xunit;

namespace NormGen.Analyzers.Tests
{
    /// <summary>
    /// The table of rules (<see cref="Rules"/>) is the one definition of every diagnostic; this checks everything that
    /// repeats it. Every rule is reported by an analyzer and has a page that links back and names its title and
    /// severity; every page has a rule; the two README tables and AnalyzerReleases.Unshipped.md list exactly the rules,
    /// with their severity; and each page's examples do what the page says.
    /// </summary>
    public class DiagnosticDocumentationTests
    {
        private const string HelpBase = RepositoryInfo.DiagnosticsUrl;

        private static readonly string DocsDirectory = Path.Combine(AppContext.BaseDirectory, "Docs");

        public static readonly DiagnosticDescriptor[] Descriptors = Rules.All.Select(r => r.Descriptor).ToArray();

        public static TheoryData<string> Ids => new(Descriptors.Select(d => d.Id));

        [Fact]
        public void The_table_holds_every_rule_once_in_order()
        {
            Assert.Equal(45, Rules.All.Length);
            Assert.Equal(Rules.All.Select(r => r.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal), Rules.All.Select(r => r.Id));
            Assert.All(Rules.All, r => Assert.Matches("^NG[0-9]{4}$", r.Id));
        }

        [Fact]
        public void Each_ID_has_one_descriptor_shared_by_every_analyzer_that_reports_it()
        {
            foreach (var group in AnalysisRunner.Analyzers.SelectMany(a => a.SupportedDiagnostics).GroupBy(d => d.Id))
            {
                Assert.Single(group.Distinct());
                Assert.Same(Rules.ById(group.Key).Descriptor, group.First());
            }
        }

        [Fact]
        public void Every_rule_is_reported_by_an_analyzer()
        {
            var supported = AnalysisRunner.Analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal);
            Assert.Equal(Rules.All.Select(r => r.Id), supported);
        }

        [Fact]
        public void Message_arguments_are_named_in_the_order_they_are_passed()
        {
            Assert.Equal(new[] { "axes", "batch" }, Rules.BatchOfOne.Arguments);
            Assert.Equal(Rules.BatchOfOne.Descriptor.MessageFormat.ToString(CultureInfo.InvariantCulture), Rules.BatchOfOne.MessageFormat);
            Assert.StartsWith("{1} while Axes = \"{0}\"", Rules.BatchOfOne.MessageFormat, StringComparison.Ordinal);
            Assert.Throws<ArgumentException>(() => Rules.UnknownLayoutLetter.Problem("Layout", ("letter", "X"), ("layout", "NCX")));
            Assert.Throws<ArgumentException>(() => Rules.UnknownLayoutLetter.Diagnostic(Location.None, ("layout", "NCX")));
            Assert.Throws<InvalidOperationException>(() => new Rule("NG9999", Reporter.None, DiagnosticSeverity.Error, Rule.UsageCategory, "t", "{a} {b}", "a"));
            Assert.Throws<InvalidOperationException>(() => new Rule("NG9999", Reporter.None, DiagnosticSeverity.Error, Rule.UsageCategory, "t", "{a}", "a, b"));
            Assert.Throws<InvalidOperationException>(() => new Rule("NG9999", Reporter.None, DiagnosticSeverity.Error, Rule.UsageCategory, "t", "{0} {a}", "a"));
            foreach (var rule in Rules.All)
            {
                Assert.Equal(rule.Arguments.Count, Regex.Matches(rule.MessageFormat, "\\{[0-9]+\\}").Select(m => m.Value).Distinct().Count());
            }
        }

        /// <summary>The release file RS2000 asks for: each rule not yet shipped, with its category, severity and the
        /// analyzers that report it.</summary>
        [Fact]
        public void The_unshipped_release_lists_every_rule_with_its_category_severity_and_analyzers()
        {
            var shipped = File.ReadAllLines(Path.Combine(DocsDirectory, "Releases", "AnalyzerReleases.Shipped.md"))
                .Where(l => l.StartsWith("NG", StringComparison.Ordinal))
                .ToArray();
            var expected = Rules.All
                .Where(r => !shipped.Any(row => row.StartsWith(r.Id + " |", StringComparison.Ordinal)))
                .Select(r => r.Id + " | " + r.Category + " | " + r.Severity + " | " + string.Join(", ", AnalysisRunner.Analyzers
                    .Where(a => a.SupportedDiagnostics.Any(d => d.Id == r.Id))
                    .Select(a => a.GetType().Name)
                    .OrderBy(n => n, StringComparer.Ordinal)));
            AssertRows(
                Path.Combine(DocsDirectory, "Releases", "AnalyzerReleases.Unshipped.md"),
                Path.Combine("analyzers", "NormGen.Analyzers", "AnalyzerReleases.Unshipped.md"),
                "NG",
                expected);
        }

        /// <summary>Set to 1 to write the rows the table implies into the README tables and the release file of the
        /// source tree, in place of the rows there (the rest of each file is kept).</summary>
        public const string AcceptVariable = "NORMGEN_ACCEPT_DIAGNOSTIC_TABLES";

        /// <summary>The lines of <paramref name="copy"/> (the file as copied next to the tests) that start with
        /// <paramref name="prefix"/> are <paramref name="expected"/>. With <see cref="AcceptVariable"/> set, the
        /// block of such lines in the source file <paramref name="source"/> (relative to the repository) is replaced
        /// by <paramref name="expected"/> instead.</summary>
        private static void AssertRows(string copy, string source, string prefix, IEnumerable<string> expected)
        {
            if (Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true" or "True")
            {
                string path = Path.Combine(RepositoryRoot(), source);
                var lines = File.ReadAllText(path).Split('\n').ToList();
                int first = lines.FindIndex(l => l.StartsWith(prefix, StringComparison.Ordinal));
                int last = lines.FindLastIndex(l => l.StartsWith(prefix, StringComparison.Ordinal));
                Assert.True(first >= 0, "no row starting with \"" + prefix + "\" in " + path + " to replace");
                lines.RemoveRange(first, last - first + 1);
                lines.InsertRange(first, expected);
                File.WriteAllText(path, string.Join("\n", lines));
                return;
            }

            var rows = File.ReadAllLines(copy).Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToArray();
            Assert.True(
                expected.SequenceEqual(rows),
                source + " does not list the rules of Rules.cs (set " + AcceptVariable + "=1 and run these tests to rewrite its rows). Expected rows:\n"
                + string.Join("\n", expected) + "\n\nRows found:\n" + string.Join("\n", rows));
        }

        /// <summary>The checkout these tests were built from (this file's path at compile time).</summary>
        private static string RepositoryRoot([CallerFilePath] string thisFile = "") =>
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(thisFile)!, "..", ".."));

        [Theory]
        [MemberData(nameof(Ids))]
        public void Descriptor_links_to_its_page_which_names_its_title_and_severity(string id)
        {
            var descriptor = Descriptors.Single(d => d.Id == id);
            Assert.Equal(HelpBase + id + ".md", descriptor.HelpLinkUri);
            Assert.False(string.IsNullOrWhiteSpace(descriptor.Category));
            var page = File.ReadAllText(Path.Combine(DocsDirectory, id + ".md"));
            Assert.StartsWith("# " + id + ": " + descriptor.Title + "\n", page, StringComparison.Ordinal);
            Assert.Contains("| Severity | " + descriptor.DefaultSeverity + " |", page, StringComparison.Ordinal);
            Assert.Contains("dotnet_diagnostic." + id + ".severity", page, StringComparison.Ordinal);
        }

        [Fact]
        public void Every_page_has_a_descriptor()
        {
            var pages = Directory.GetFiles(DocsDirectory, "NG*.md").Select(Path.GetFileNameWithoutExtension).OrderBy(p => p, StringComparer.Ordinal);
            Assert.Equal(Descriptors.Select(d => d.Id), pages);
        }

        [Fact]
        public void The_table_lists_every_rule_with_its_severity_and_title()
        {
            var expected = Descriptors.Select(d => "| [" + d.Id + "](" + d.Id + ".md) | " + d.DefaultSeverity + " | " + d.Title + " |");
            AssertRows(Path.Combine(DocsDirectory, "README.md"), Path.Combine("docs", "diagnostics", "README.md"), "| [NG", expected);
        }

        [Fact]
        public void The_repository_readme_lists_every_rule_with_a_link_to_its_page()
        {
            var expected = Descriptors.Select(d => "| [" + d.Id + "](docs/diagnostics/" + d.Id + ".md) | " + d.DefaultSeverity + " | " + d.Title + " |");
            AssertRows(Path.Combine(DocsDirectory, "Repository", "README.md"), "README.md", "| [NG", expected);
        }

        /// <summary>A page may show a rule in several places ("## Wrong" for the attribute, "## Wrong, at the construction
        /// site"); every wrong example reports the rule and every right one is clean.</summary>
        [Theory]
        [MemberData(nameof(Ids))]
        public void Wrong_examples_report_the_rule_and_right_examples_are_clean(string id)
        {
            var page = File.ReadAllText(Path.Combine(DocsDirectory, id + ".md"));
            foreach (var example in Examples(page, "Wrong"))
            {
                var wrong = AnalysisRunner.CompileGenerateAndAnalyze(example);
                Assert.Contains(wrong, d => d.Id == id);
                Assert.DoesNotContain(wrong, d => d.Severity == DiagnosticSeverity.Error && !d.Id.StartsWith("NG", StringComparison.Ordinal));
            }

            foreach (var example in Examples(page, "Right"))
            {
                var right = AnalysisRunner.CompileGenerateAndAnalyze(example);
                Assert.Empty(right.Where(d => d.Id == id || d.Severity >= DiagnosticSeverity.Warning).Select(d => d.ToString()));
            }
        }

        [Fact]
        public void Pages_of_the_rules_reported_at_the_construction_site_show_it()
        {
            foreach (var id in new[] { "NG0004", "NG0005", "NG0013", "NG0028", "NG0029" })
            {
                var page = File.ReadAllText(Path.Combine(DocsDirectory, id + ".md"));
                Assert.Single(Regex.Matches(page, "## Wrong, at the construction site\n"));
                Assert.Single(Regex.Matches(page, "## Right, at the construction site\n"));
            }
        }

        /// <summary>The code of every example under a heading that starts with <paramref name="heading"/>; at least one.</summary>
        private static string[] Examples(string page, string heading)
        {
            var examples = Regex.Matches(page, "## " + heading + "[^\n]*\n\n```csharp\n(.*?)\n```", RegexOptions.Singleline)
                .Select(m => m.Groups[1].Value)
                .ToArray();
            Assert.True(examples.Length > 0, "no " + heading + " example");
            return examples;
        }
    }
}
