using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NormGen.Configuration;

namespace NormGen.Analyzers
{
    /// <summary>Turns a <see cref="ConfigurationProblem"/> into the diagnostic of its <see cref="Rule"/>, at the
    /// attribute argument it is about.</summary>
    internal static class ConfigurationRules
    {
        /// <summary>Where the problem is shown: the argument named by <see cref="ConfigurationProblem.Property"/>,
        /// or the whole attribute when that property is not written.</summary>
        public static Location LocationOf(AttributeSyntax attribute, ConfigurationProblem problem) =>
            (NormalizeAttributes.Argument(attribute, problem.Property) ?? (SyntaxNode)attribute).GetLocation();

        public static Diagnostic Create(AttributeSyntax attribute, ConfigurationProblem problem, ImmutableDictionary<string, string?> properties)
        {
            var rule = Rules.ById(problem.Id);
            return rule.Diagnostic(LocationOf(attribute, problem), properties, MessageArguments(rule, problem));
        }

        /// <summary>How NG0013's message says to fix a declared channel count.</summary>
        private const string DeclaredChannelsFix = "set Channels to the number of channels (features), a positive number, or leave it out and pass the count to the constructor";

        /// <summary>The validator's arguments, plus what the declaration form of a message shared with a call site needs.</summary>
        private static (string Name, string Value)[] MessageArguments(Rule rule, ConfigurationProblem problem)
        {
            var arguments = rule.Arguments.Zip(problem.Arguments, (name, value) => (name, value)).ToArray();
            if (rule == Rules.BatchOfOne)
            {
                return arguments.Append(("batch", "Batch = 1")).ToArray();
            }

            if (rule == Rules.ChannelsNotPositive)
            {
                return arguments.Append(("fix", DeclaredChannelsFix)).ToArray();
            }

            if (rule == Rules.ChannelsNotDivisibleByGroups)
            {
                arguments[2] = ("suggestion", "Groups = " + arguments[2].value);
            }

            return arguments;
        }
    }
}
