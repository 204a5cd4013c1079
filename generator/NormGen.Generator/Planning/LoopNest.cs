using NormGen.Configuration;

namespace NormGen.Generator.Planning
{
    /// <summary>
    /// One loop of a kernel: a run of adjacent layout axes merged because they index the input, the statistics and
    /// the parameters in the same way. Strides are in elements; a null stride means the array does not vary along
    /// this loop (statistics along a reduced axis, per-channel parameters along a spatial one).
    /// </summary>
    internal sealed record LoopDim(string Label, Extent Extent, Extent InputStride, Extent? StatisticStride, Extent? ParameterStride)
    {
        public bool StatisticVaries => StatisticStride is not null;

        public bool ParameterVaries => ParameterStride is not null;
    }

    /// <summary>The loops of one kernel pass, outermost first. The last loop walks contiguous memory; along it
    /// statistic and parameter strides are 1 or absent, so it is the loop the emitter vectorises.</summary>
    internal sealed record LoopNest(EquatableArray<LoopDim> Dims)
    {
        public LoopDim Innermost => Dims[Dims.Count - 1];

        public int Depth => Dims.Count;
    }
}
