using NormGen.Configuration;
using NormGen.Generator.Parsing;

namespace NormGen.Generator.Scaling
{
    /// <summary>Everything the emitter needs for one <c>[MinMaxScaler]</c> or <c>[StandardScaler]</c> class: where it is
    /// declared and its checked configuration. Holds only strings, numbers, enums and equatable arrays.</summary>
    internal sealed record ScalerModel(TargetDeclaration Declaration, ScalerConfiguration Configuration);
}
