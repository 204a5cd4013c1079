namespace NormGen.Generator.Emitting
{
    /// <summary>Member declarations that layers, weight normalisations and scalers write alike.</summary>
    internal static class Members
    {
        /// <summary>A documented, get-only public array property with its initialiser.</summary>
        public static void ArrayProperty(IndentedWriter w, string elementType, string name, string summary, string initialiser) => w.Template($$"""
            /// <summary>{{summary}}</summary>
            public {{elementType}}[] {{name}} { get; } = {{initialiser}};

            """);
    }
}
