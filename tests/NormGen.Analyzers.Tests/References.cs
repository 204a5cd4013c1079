using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace NormGen.Analyzers.Tests
{
    /// <summary>Offline references for test compilations: the .NET 10 reference assemblies and the NormGen runtime.</summary>
    internal static class References
    {
        /// <summary>An empty reference set that resolves nothing from the network; the assemblies come from <see cref="All"/>.</summary>
        public static readonly ReferenceAssemblies None = new("net10.0");

        public static readonly ImmutableArray<MetadataReference> All = Basic.Reference.Assemblies.Net100.References.All
            .Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(NormalizeAttribute).Assembly.Location))
            .ToImmutableArray();
    }
}
