namespace NormGen.Generator.Planning
{
    /// <summary>Which statistics a pass indexes.</summary>
    internal enum StatisticView
    {
        /// <summary>The pass does not touch statistics.</summary>
        None,

        /// <summary>Batch statistics: one per index of the kept axes (and group).</summary>
        Batch,

        /// <summary>Running statistics: as batch statistics with the batch axis dropped.</summary>
        Running,
    }
}
