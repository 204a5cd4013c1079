using NormGen.Configuration;

namespace NormGen.Generator.Model
{
    /// <summary>
    /// Everything the emitter needs for one annotated class: where it is declared and its checked configuration.
    /// Holds only strings, numbers, enums and equatable arrays, so the incremental pipeline can compare models
    /// by value and skip unchanged classes.
    /// </summary>
    internal sealed record LayerModel(
        string HintName,
        string? Namespace,
        EquatableArray<TypeDeclaration> ContainingTypes,
        TypeDeclaration Type,
        LayerConfiguration Configuration);
}
