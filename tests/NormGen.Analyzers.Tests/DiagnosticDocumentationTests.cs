using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using NormGen.Configuration;
using Xunit;

namespace NormGen.Analyzers.Tests
{
    /// <summary>Every descriptor has a page and a link to it, every page has a descriptor, the table lists them all,
    /// and each page's examples do what the page says.</summary>
    public class DiagnosticDocumentationTests
    {
        private const string HelpBase = RepositoryInfo.DiagnosticsUrl;

        private static readonly string DocsDirectory = Path.Combine(AppContext.BaseDirectory, "Docs");

        public static readonly DiagnosticDescriptor[] Descriptors = AnalysisRunner.Analyzers
            .SelectMany(a => a.SupportedDiagnostics)
            .GroupBy(d => d.Id)
            .Select(g => g.First())
            .OrderBy(d => d.Id, StringComparer.Ordinal)
            .ToArray();

        public static TheoryData<string> Ids => new(Descriptors.Select(d => d.Id));

        [Fact]
        public void Each_ID_has_one_descriptor_shared_by_every_analyzer_that_reports_it()
        {
            foreach (var group in AnalysisRunner.Analyzers.SelectMany(a => a.SupportedDiagnostics).GroupBy(d => d.Id))
            {
                Assert.Single(group.Distinct());
            }
        }

        [Fact]
        public void Every_ID_of_the_shared_configuration_has_a_descriptor()
        {
            var shared = new[] { typeof(DiagnosticIds), typeof(TransformDiagnosticIds) }
                .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static))
                .Select(f => (string)f.GetValue(null)!)
                .ToArray();
            Assert.Contains("NG0040", shared);
            Assert.Empty(shared.Except(Descriptors.Select(d => d.Id)));
        }

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
            var rows = File.ReadAllLines(Path.Combine(DocsDirectory, "README.md")).Where(l => l.StartsWith("| [NG", StringComparison.Ordinal)).ToArray();
            var expected = Descriptors.Select(d => "| [" + d.Id + "](" + d.Id + ".md) | " + d.DefaultSeverity + " | " + d.Title + " |");
            Assert.Equal(expected, rows);
        }

        [Fact]
        public void The_repository_readme_lists_every_rule_with_a_link_to_its_page()
        {
            var rows = File.ReadAllLines(Path.Combine(DocsDirectory, "Repository", "README.md")).Where(l => l.StartsWith("| [NG", StringComparison.Ordinal)).ToArray();
            var expected = Descriptors.Select(d => "| [" + d.Id + "](docs/diagnostics/" + d.Id + ".md) | " + d.DefaultSeverity + " | " + d.Title + " |");
            Assert.Equal(expected, rows);
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
