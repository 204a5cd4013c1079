using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;

namespace NormGen.Configuration
{
    /// <summary>The analyzers that report a rule; each takes its <c>SupportedDiagnostics</c> from <see cref="Rules"/> by
    /// its own flag.</summary>
    [Flags]
    internal enum Reporter
    {
        None = 0,
        PartialDeclaration = 1 << 0,
        LayoutAndAxes = 1 << 1,
        Groups = 1 << 2,
        ConfigurationValues = 1 << 3,
        BatchOfOne = 1 << 4,
        DefaultLayout = 1 << 5,
        ForwardCall = 1 << 6,
        LayerConstruction = 1 << 7,
        TransformConfiguration = 1 << 8,
    }

    /// <summary>One NormGen diagnostic, defined once in <see cref="Rules"/>: its ID, who reports it, severity,
    /// category, title and message. The message names its arguments (<c>{layout}</c>); <see cref="Arguments"/> gives
    /// their order, and every place that fills them in names each one, so arguments cannot be swapped unnoticed.
    /// The help link is the rule's page, docs/diagnostics/ID.md.</summary>
    internal sealed partial class Rule
    {
        public const string DeclarationCategory = "NormGen.Declaration";
        public const string ConfigurationCategory = "NormGen.Configuration";
        public const string UsageCategory = "NormGen.Usage";

        private static readonly Regex Placeholder = new(@"\{([a-z][A-Za-z]*)\}", RegexOptions.CultureInvariant);

        /// <param name="arguments">The message's argument names in the order they are passed, comma-separated.</param>
        public Rule(string id, Reporter reporters, DiagnosticSeverity severity, string category, string title, string message, string arguments = "")
        {
            Id = id;
            Reporters = reporters;
            Severity = severity;
            Category = category;
            Title = title;
            var names = arguments.Length == 0 ? Array.Empty<string>() : arguments.Split(',').Select(a => a.Trim()).ToArray();
            Arguments = names;
            if (Regex.IsMatch(message, @"\{[0-9]"))
            {
                throw new InvalidOperationException(id + "'s message has a numbered placeholder; name each argument, as {layout}");
            }

            var used = new HashSet<string>();
            MessageFormat = Placeholder.Replace(message, m =>
            {
                int index = Array.IndexOf(names, m.Groups[1].Value);
                if (index < 0)
                {
                    throw new InvalidOperationException(id + "'s message names {" + m.Groups[1].Value + "}, which is not one of its arguments (" + arguments + ")");
                }

                used.Add(m.Groups[1].Value);
                return "{" + index.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}";
            });
            if (used.Count != names.Length)
            {
                throw new InvalidOperationException(id + " declares arguments its message does not use: " + string.Join(", ", names.Except(used)));
            }

            OnCreated();
        }

        /// <summary>"NG0002".</summary>
        public string Id { get; }

        public Reporter Reporters { get; }

        public DiagnosticSeverity Severity { get; }

        /// <summary>The severity as the shared validators and the generator see it (errors stop generation).</summary>
        public ProblemSeverity ProblemSeverity => Severity switch
        {
            DiagnosticSeverity.Error => ProblemSeverity.Error,
            DiagnosticSeverity.Warning => ProblemSeverity.Warning,
            _ => ProblemSeverity.Info,
        };

        public string Category { get; }

        public string Title { get; }

        /// <summary>The message with positional placeholders, as <see cref="DiagnosticDescriptor.MessageFormat"/>.</summary>
        public string MessageFormat { get; }

        /// <summary>The argument names, in the order the message takes them.</summary>
        public IReadOnlyList<string> Arguments { get; }

        /// <summary>A problem with an attribute, at <paramref name="property"/>. The arguments are named and must come in
        /// the order of <see cref="Arguments"/>; trailing ones may be left to the analyzer that reports the problem (the
        /// declaration and the call site word them differently).</summary>
        public ConfigurationProblem Problem(string property, params (string Name, string Value)[] arguments) =>
            new(Id, ProblemSeverity, property, Values(arguments, allowFewer: true).ToEquatableArray());

        /// <summary>The values of <paramref name="arguments"/>, after checking their names against <see cref="Arguments"/>.</summary>
        public string[] Values((string Name, string Value)[] arguments, bool allowFewer = false)
        {
            if (arguments.Length > Arguments.Count || (!allowFewer && arguments.Length != Arguments.Count))
            {
                throw new ArgumentException(Id + " takes " + Arguments.Count + " arguments (" + string.Join(", ", Arguments) + "), not " + arguments.Length);
            }

            var values = new string[arguments.Length];
            for (int i = 0; i < arguments.Length; i++)
            {
                if (arguments[i].Name != Arguments[i])
                {
                    throw new ArgumentException(Id + "'s argument " + i + " is " + Arguments[i] + ", not " + arguments[i].Name);
                }

                values[i] = arguments[i].Value;
            }

            return values;
        }

        /// <summary>Where the analyzers attach their <see cref="DiagnosticDescriptor"/>.</summary>
        partial void OnCreated();

        public override string ToString() => Id;
    }
}
