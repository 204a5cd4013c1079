using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using NormGen.Analyzers;

namespace NormGen.Configuration
{
    /// <summary>The analyzers' side of a <see cref="Rule"/>: its descriptor, with the help link to its page, and the
    /// diagnostics made from it (the generator reports none, so it carries no descriptors).</summary>
    internal sealed partial class Rule
    {
        public DiagnosticDescriptor Descriptor { get; private set; } = null!;

        partial void OnCreated() =>
            Descriptor = new DiagnosticDescriptor(
                Id, Title, MessageFormat, Category, Severity, isEnabledByDefault: true, helpLinkUri: RepositoryInfo.DiagnosticsUrl + Id + ".md");

        /// <summary>A diagnostic at <paramref name="location"/>; every argument is named, in the order of <see cref="Arguments"/>.</summary>
        public Diagnostic Diagnostic(Location? location, params (string Name, string Value)[] arguments) =>
            Microsoft.CodeAnalysis.Diagnostic.Create(Descriptor, location, Values(arguments));

        /// <summary>A diagnostic with data for a code fix.</summary>
        public Diagnostic Diagnostic(Location? location, ImmutableDictionary<string, string?> properties, params (string Name, string Value)[] arguments) =>
            Microsoft.CodeAnalysis.Diagnostic.Create(Descriptor, location, properties, Values(arguments));
    }

    /// <summary>The analyzers' side of <see cref="Rules"/>.</summary>
    internal static partial class Rules
    {
        /// <summary>The descriptors of the rules <paramref name="reporter"/> reports: its <c>SupportedDiagnostics</c>.</summary>
        public static ImmutableArray<DiagnosticDescriptor> SupportedBy(Reporter reporter) =>
            ReportedBy(reporter).Select(r => r.Descriptor).ToImmutableArray();
    }
}
