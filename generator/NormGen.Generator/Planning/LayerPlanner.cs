using System;
using System.Linq;
using NormGen.Configuration;

namespace NormGen.Generator.Planning
{
    /// <summary>Builds a layer's <see cref="LayerPlan"/> from its checked configuration.</summary>
    internal static class LayerPlanner
    {
        public static LayerPlan Plan(LayerConfiguration configuration) =>
            Plan(configuration, (view, withParameters) => KernelPlanner.Plan(configuration, view, withParameters));

        /// <param name="configuration">The checked configuration.</param>
        /// <param name="nest">The layer's loops in a view, as <see cref="KernelPlanner.Plan"/> gives them: a caller that keeps
        /// them for its emitters passes its own, so that they are planned once.</param>
        public static LayerPlan Plan(LayerConfiguration configuration, Func<StatisticView, bool, LoopNest> nest)
        {
            var elements = ElementTypes.Of(configuration.ElementType);
            bool affine = configuration.Affine != AffineKind.None;
            var statisticsNest = nest(StatisticView.Batch, false);
            var batchNest = nest(StatisticView.Batch, affine);
            int? contiguousDepth = KernelPlanner.ContiguousStatisticsDepth(statisticsNest, batchNest);
            var fusion = FusionPlanner.Choose(
                batchNest, contiguousDepth is not null, KernelPlanner.ValuesPerStatistic(configuration), elements, e => KnownAtConstruction(configuration, e));
            var channelsLast = ChannelsLastPlanner.Plan(configuration, statisticsNest, contiguousDepth is not null);

            var threads = Threads.None;
            if (fusion != StatisticFusion.Never)
            {
                threads |= Threads.Statistics;
                if (!affine || KernelPlanner.StatisticMajor(batchNest).Dims[0].ParameterVaries)
                {
                    threads |= Threads.Backward;
                }
            }

            if (channelsLast is not null)
            {
                threads |= Threads.Rows
                    | (channelsLast.SplitsStatistics ? Threads.Blocks : Threads.None)
                    | (channelsLast.SplitsChunks ? Threads.Chunks : Threads.None);
            }

            var statistics = fusion == StatisticFusion.Always ? StatisticsPass.None
                : !configuration.Center ? StatisticsPass.MeanSquares
                : channelsLast is not null ? StatisticsPass.ChannelsLast
                : statisticsNest.Innermost.StatisticVaries ? StatisticsPass.Pivoted
                : StatisticsPass.MergedRuns;
            var kernels = KernelsOf(configuration, fusion);
            return new LayerPlan(
                fusion, contiguousDepth, statistics, channelsLast, ShortRunRoute.Of(configuration, elements), threads, kernels,
                KernelSignatures.Of(configuration, kernels, threads, statistics, channelsLast is not null), Synchronizes(configuration), OverloadsOf(configuration),
                ChecksSingleValue: configuration.Center && !KernelPlanner.ValuesPerStatistic(configuration).IsConstant,
                ThreadsUpToValues: fusion == StatisticFusion.WhenSmall ? FusionPlanner.FusedStatisticLimit(elements) : null);
        }

        /// <summary>Whether the layer gets synchronised members: N reduced, every axis but C reduced, and the mean subtracted
        /// (the runtime's synchronised kernels merge means and centred moments; an RMSNorm over N has neither). Not with a
        /// fused activation or residual either: those kernels apply none and take no residual, so such a layer offers the plain
        /// calls only. Nor with Half tensors: those kernels are generic over one element type and would compute in Half.</summary>
        public static bool Synchronizes(LayerConfiguration configuration) =>
            configuration.Center && configuration.IsReduced(Axis.N) && !configuration.ChannelsReduced && configuration.Layout.All(a => a.Axis == Axis.C || a.Reduced)
            && !configuration.HasActivation && !configuration.HasResidual && configuration.ElementType != ElementKind.Half;

        /// <summary>Whether <paramref name="extent"/> is known once the layer is constructed (constant, or a product of
        /// constructed extents).</summary>
        public static bool KnownAtConstruction(LayerConfiguration configuration, Extent extent) =>
            extent.Variables.All(v => configuration.Layout.Any(a => a.AtConstruction && a.Axis.ParameterName() == Extent.DimensionOf(v)));

        private static Overloads OverloadsOf(LayerConfiguration configuration) => configuration.Residual switch
        {
            ResidualKind.BeforeActivation => Overloads.Residual,
            ResidualKind.BeforeNorm => Overloads.Skip,
            _ => Overloads.None,
        };

        /// <summary>The private kernels: Forward's, the statistics', Backward's.</summary>
        private static Kernels KernelsOf(LayerConfiguration c, StatisticFusion fusion)
        {
            var kernels = Kernels.None;
            bool runningViewDiffers = KernelPlanner.RunningViewDiffers(c);
            if (!KnownAtConstruction(c, KernelPlanner.StatisticCount(c, StatisticView.Batch)))
            {
                kernels |= Kernels.EnsureStatisticCapacity;
            }

            if (fusion != StatisticFusion.Never)
            {
                kernels |= Kernels.NormalizeWithBatchStatistics;
                if (c.Residual == ResidualKind.BeforeNorm)
                {
                    kernels |= Kernels.AddNormalizeWithBatchStatistics;
                }

                if (!c.TrackRunningStats)
                {
                    kernels |= Kernels.BatchStatisticsOneByOne;
                }
            }

            // Tracking layers whose running statistics index as the batch's normalise eval calls with this kernel too.
            if (fusion != StatisticFusion.Always || (c.TrackRunningStats && !runningViewDiffers))
            {
                kernels |= Kernels.Normalize;
            }

            if (runningViewDiffers)
            {
                kernels |= Kernels.NormalizeWithRunningStatistics;
            }

            if (fusion != StatisticFusion.Always)
            {
                kernels |= Kernels.ComputeBatchStatistics;
            }

            if (c.TrackRunningStats)
            {
                kernels |= Kernels.UpdateRunningStatistics;
                kernels |= Kernels.LoadRunningStatistics;
            }

            if (c.HasActivation && c.Residual == ResidualKind.BeforeActivation)
            {
                kernels |= Kernels.ResidualGradient;
                if (c.TrackRunningStats && runningViewDiffers)
                {
                    kernels |= Kernels.ResidualGradientWithRunningStatistics;
                }
            }

            if (fusion != StatisticFusion.Never)
            {
                kernels |= Kernels.BackwardWithBatchStatistics;
            }

            if (fusion != StatisticFusion.Always)
            {
                kernels |= Kernels.AccumulateBatchGradients;
                kernels |= Kernels.InputGradient;
            }

            if (c.TrackRunningStats)
            {
                if (c.Affine != AffineKind.None)
                {
                    kernels |= Kernels.AccumulateParameterGradients;
                }

                kernels |= Kernels.InputGradientWithRunningStatistics;
            }

            return kernels;
        }
    }
}
