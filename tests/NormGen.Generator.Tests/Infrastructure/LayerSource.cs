namespace NormGen.Generator.Tests.Infrastructure
{
    /// <summary>Builds the user code the generator sees: annotated partial classes.</summary>
    internal static class LayerSource
    {
        /// <summary><c>[{attribute}] public partial class {name} { }</c> in namespace <c>Sample</c>.</summary>
        public static string Class(string name, string attribute) => $$"""
            using NormGen;

            namespace Sample
            {
                [{{attribute}}]
                public partial class {{name}}
                {
                }
            }
            """;
    }
}
