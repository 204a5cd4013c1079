namespace NormGen.Generator.Emitting
{
    /// <summary>The names of the private kernels the channels-last strategy declares, each spelled once: the strategy that
    /// declares a kernel and the calls and comments that name it write the same constant.</summary>
    internal static class ChannelsLastMembers
    {
        public const string Normalize = "Normalize";
        public const string InputGradient = "InputGradient";
        public const string ChunkStatistics = "ChunkStatistics";
        public const string AccumulateBatchGradients = "AccumulateBatchGradients";
        public const string ChunkGradientSums = "ChunkGradientSums";
        public const string BlockGradientSums = "BlockGradientSums";
    }
}
