using NormGen.Configuration;
using NormGen.Generator.Parsing;

namespace NormGen.Generator.Model
{
    /// <summary>
    /// Everything the emitter needs for one annotated class: where it is declared and its checked configuration.
    /// Holds only strings, numbers, enums and equatable arrays, so the incremental pipeline can compare models
    /// by value and skip unchanged classes.
    /// </summary>
    internal sealed record LayerModel(TargetDeclaration Declaration, LayerConfiguration Configuration);
}
