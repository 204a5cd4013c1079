using System;
using System.Linq;
using NormGen.Configuration;

namespace NormGen.Generator.Planning
{
    /// <summary>How a layer's whole-tensor kernels walk the channels.</summary>
    internal enum Access
    {
        /// <summary>Along the planned loop nest, each statistic's values run by run: channels-first layouts (fused, in
        /// whole-tensor passes, or either per call, as <see cref="LayerPlan.Fusion"/> says), and channels-last layouts too
        /// wide for the channels-last kernels' stack scratch.</summary>
        Runs,

        /// <summary>Row by row with vertical vector operations along C (<see cref="ChannelsLastPlan"/>).</summary>
        ChannelsLast,
    }

    /// <summary>How the whole-tensor batch statistics (<see cref="Kernels.ComputeBatchStatistics"/>) are taken.</summary>
    internal enum StatisticsPass
    {
        /// <summary>The layer takes every statistic one at a time (<see cref="StatisticFusion.Always"/>).</summary>
        None,

        /// <summary>RMSNorm: one pass in the loop nest's order sums x² into every statistic (no cancellation to guard
        /// against, so no pivot and no second pass), whatever the access.</summary>
        MeanSquares,

        /// <summary>The channels-last chunks of rows, centred and merged (<see cref="ChannelsLastPlan"/>).</summary>
        ChannelsLast,

        /// <summary>Statistics vary along the innermost loop: sums around each statistic's pivot, vertically.</summary>
        Pivoted,

        /// <summary>The innermost loop is a run of one statistic's values: each run's mean and squared deviations,
        /// merged into its statistic.</summary>
        MergedRuns,
    }

    /// <summary>The threaded variants a layer has (besides the one-thread kernels, which it always has).</summary>
    [Flags]
    internal enum Threads
    {
        None = 0,

        /// <summary>Training Forward's one-statistic-at-a-time kernels split the statistics (the outermost loop of the
        /// statistic-major nest) across threads: each is computed from its own values, whichever thread takes it.</summary>
        Statistics = 1,

        /// <summary>Backward's one-statistic-at-a-time kernel splits them too: no two statistics of different threads add
        /// to the same parameter gradient (the parameters vary along the split loop, or there are none).</summary>
        Backward = 2,

        /// <summary>The channels-last element-wise passes (normalisation, input gradient) split the rows of every block:
        /// each element is computed from per-channel coefficients, whichever thread takes it.</summary>
        Rows = 4,

        /// <summary>The channels-last statistics and gradient sums split the blocks (<see cref="ChannelsLastPlan.SplitsStatistics"/>).</summary>
        Blocks = 8,

        /// <summary>The channels-last statistics and gradient sums split chunks of rows (<see cref="ChannelsLastPlan.SplitsChunks"/>).</summary>
        Chunks = 16,
    }

    /// <summary>The public overloads a layer has beside the plain <c>Forward</c> and <c>Backward</c> (each also with the
    /// full shape).</summary>
    [Flags]
    internal enum Overloads
    {
        None = 0,

        /// <summary>The residual before the activation: <c>Forward</c> and <c>Backward</c> with the residual, the plain ones
        /// taking r = 0.</summary>
        Residual = 1,

        /// <summary>The residual before the norm: <c>Forward</c> writing s = x + r, and <c>Backward</c> adding the skip
        /// path's gradient.</summary>
        Skip = 2,
    }

    /// <summary>The private kernels a layer may get (their <c>OnThreads</c> twins and the channels-last chunk and block
    /// kernels follow from <see cref="LayerPlan.Threads"/>).</summary>
    [Flags]
    internal enum Kernels
    {
        None = 0,

        /// <summary>Grows the statistics buffers when their count depends on per-call extents.</summary>
        EnsureStatisticCapacity = 1 << 0,

        /// <summary>Training Forward one statistic at a time: its sums, its statistic and its normalisation from cache.</summary>
        NormalizeWithBatchStatistics = 1 << 1,

        /// <summary><see cref="NormalizeWithBatchStatistics"/> that first writes s = x + r (the residual before the norm).</summary>
        AddNormalizeWithBatchStatistics = 1 << 2,

        /// <summary>Batch statistics one statistic at a time, without the output (Backward's recomputation when Forward ran in eval).</summary>
        BatchStatisticsOneByOne = 1 << 3,

        /// <summary>Whole-tensor batch statistics.</summary>
        ComputeBatchStatistics = 1 << 4,

        /// <summary>Whole-tensor normalisation with the statistics in the buffers.</summary>
        Normalize = 1 << 5,

        /// <summary>Normalisation in the running statistics' view (instance-style layers that track them).</summary>
        NormalizeWithRunningStatistics = 1 << 6,

        /// <summary>The running statistics' update after a training Forward.</summary>
        UpdateRunningStatistics = 1 << 7,

        /// <summary>The running statistics loaded into an eval call's buffers (a call of the runtime, no kernel of the layer's).</summary>
        LoadRunningStatistics = 1 << 8,

        /// <summary>dz = dy * act'(z) with z = norm(x) + r, written before the normalisation's gradient (and the plain
        /// Backward's twin, <c>ActivationGradient</c>; both also in the running view when it differs).</summary>
        ResidualGradient = 1 << 9,

        /// <summary>Backward one statistic at a time.</summary>
        BackwardWithBatchStatistics = 1 << 10,

        /// <summary>Whole-tensor parameter-gradient sums with batch statistics.</summary>
        AccumulateBatchGradients = 1 << 11,

        /// <summary>Whole-tensor input gradient with batch statistics.</summary>
        InputGradient = 1 << 12,

        /// <summary>Parameter gradients with running statistics (eval-mode Backward).</summary>
        AccumulateParameterGradients = 1 << 13,

        /// <summary>Input gradient with running statistics (eval-mode Backward).</summary>
        InputGradientWithRunningStatistics = 1 << 14,

        /// <summary><see cref="ResidualGradient"/> in the running statistics' view too, where it differs from the batch's.</summary>
        ResidualGradientWithRunningStatistics = 1 << 15,
    }

    /// <summary>Every strategy decision for one layer, made once by <see cref="LayerPlanner"/>; the emitters read it and
    /// never decide again.</summary>
    /// <param name="Fusion">Whether training Forward and Backward finish one statistic at a time.</param>
    /// <param name="ContiguousDepth">Depth in the batch nest where each statistic's contiguous block starts, when every
    /// statistic is one contiguous block.</param>
    /// <param name="Statistics">How the whole-tensor batch statistics are taken.</param>
    /// <param name="ChannelsLast">The channels-last kernels' numbers, or null when the layer has none.</param>
    /// <param name="ShortRun">The route of short runs to the runtime's kernels, or null when calls never take it.</param>
    /// <param name="Threads">The threaded variants.</param>
    /// <param name="Kernels">The private kernels.</param>
    /// <param name="Signatures">The private kernels' names and parameters (<see cref="KernelSignatures"/>), which their
    /// declarations and calls are written from.</param>
    /// <param name="Synchronized">The layer gets synchronised members (<see cref="LayerPlanner.Synchronizes"/>).</param>
    /// <param name="Overloads">The public overloads beside the plain ones.</param>
    /// <param name="ChecksSingleValue">A training call checks that each statistic has more than one value: the count
    /// depends on per-call extents, and the layer subtracts the mean.</param>
    /// <param name="ThreadsUpToValues">Training calls share statistics among threads only when each statistic has at most
    /// this many values (those finished one at a time); null when they share them whatever the size.</param>
    internal sealed record LayerPlan(
        StatisticFusion Fusion,
        int? ContiguousDepth,
        StatisticsPass Statistics,
        ChannelsLastPlan? ChannelsLast,
        ShortRunRoute? ShortRun,
        Threads Threads,
        Kernels Kernels,
        EquatableArray<KernelSignature> Signatures,
        bool Synchronized,
        Overloads Overloads,
        bool ChecksSingleValue,
        int? ThreadsUpToValues)
    {
        /// <summary>How the whole-tensor kernels walk the channels.</summary>
        public Access Access => ChannelsLast is null ? Access.Runs : Access.ChannelsLast;

        /// <summary>Training Forward's channels-last statistics are split as <see cref="Threads.Blocks"/> or
        /// <see cref="Threads.Chunks"/> say (not RMSNorm's mean squares, one pass on the calling thread; its gradient sums are
        /// split).</summary>
        public bool SplitsChannelsLastStatistics =>
            Statistics == StatisticsPass.ChannelsLast && (Threads & (Threads.Blocks | Threads.Chunks)) != Threads.None;

        /// <summary>The layer has the threaded variant <paramref name="variant"/>.</summary>
        public bool Has(Threads variant) => (Threads & variant) == variant;

        /// <summary>The layer has the public overloads <paramref name="overloads"/>.</summary>
        public bool Has(Overloads overloads) => (Overloads & overloads) == overloads;

        /// <summary>The signature of the private kernel named <paramref name="name"/>.</summary>
        public KernelSignature Signature(string name) =>
            Signatures.FirstOrDefault(k => k.Name == name)
            ?? throw new InvalidOperationException($"The plan has no private kernel named {name}.");

        /// <summary>The layer gets the private kernel <paramref name="kernel"/>.</summary>
        public bool Has(Kernels kernel) => (Kernels & kernel) == kernel;
    }
}
