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
    /// One thing wrong with (or worth saying about) an attribute: the diagnostic ID and its severity (both from its
    /// <see cref="Rule"/>, which makes it: <see cref="Rule.Problem"/>), the attribute property it is about (so the
    /// analyzer can point at that argument; empty for the attribute as a whole) and the values for the message.
    /// </summary>
    internal sealed record ConfigurationProblem(string Id, ProblemSeverity Severity, string Property, EquatableArray<string> Arguments)
    {
        public override string ToString() => Id + "(" + Property + "): " + string.Join(", ", Arguments);
    }
}
