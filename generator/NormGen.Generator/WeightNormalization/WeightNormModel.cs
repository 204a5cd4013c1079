using NormGen.Configuration;
using NormGen.Generator.Parsing;

namespace NormGen.Generator.WeightNormalization
{
    /// <summary>Everything the emitter needs for one <c>[WeightNormalize]</c> class: where it is declared and its checked
    /// configuration. Holds only strings, numbers, enums and equatable arrays, so the pipeline compares models by value.</summary>
    internal sealed record WeightNormModel(TargetDeclaration Declaration, WeightNormConfiguration Configuration);
}
