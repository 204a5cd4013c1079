using System;

namespace NormGen.Configuration
{
    /// <summary>How serious a configuration problem is. Errors stop the generator for that class.</summary>
    internal enum ProblemSeverity
    {
        Info,
        Warning,
        Error,
    }

    /// <summary>
    /// One thing wrong with (or worth saying about) an attribute: the diagnostic ID, the attribute property it is
    /// about (so the analyzer can point at that argument; empty for the attribute as a whole) and the values
    /// for the message.
    /// </summary>
    internal sealed record ConfigurationProblem(string Id, ProblemSeverity Severity, string Property, EquatableArray<string> Arguments)
    {
        public static ConfigurationProblem Error(string id, string property, params string[] arguments) =>
            new(id, ProblemSeverity.Error, property, arguments.ToEquatableArray());

        public static ConfigurationProblem Warning(string id, string property, params string[] arguments) =>
            new(id, ProblemSeverity.Warning, property, arguments.ToEquatableArray());

        public static ConfigurationProblem Info(string id, string property, params string[] arguments) =>
            new(id, ProblemSeverity.Info, property, arguments.ToEquatableArray());

        public override string ToString() => Id + "(" + Property + "): " + string.Join(", ", Arguments);
    }
}
