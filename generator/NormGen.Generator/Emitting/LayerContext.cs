using System.Linq;
using NormGen.Configuration;
using NormGen.Generator.Model;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>The facts about one layer that several emitters need, derived once from its model.</summary>
    internal sealed class LayerContext
    {
        public LayerContext(LayerModel model)
        {
            Model = model;
            Configuration = model.Configuration;
            Names = new Names(Configuration.ElementType);
            PerCall = Configuration.PerCallAxes.Select(a => a.Axis.ParameterName()).ToArray();
            StatisticCount = KernelPlanner.StatisticCount(Configuration, StatisticView.Batch);
            ValuesPerStatistic = KernelPlanner.ValuesPerStatistic(Configuration);
            ParameterCount = KernelPlanner.ParameterCount(Configuration);
            RunningCount = Configuration.TrackRunningStats ? KernelPlanner.RunningCount(Configuration) : 0;
            RunningViewDiffers = KernelPlanner.RunningViewDiffers(Configuration);
            BatchNest = KernelPlanner.Plan(Configuration, StatisticView.Batch, Affine);
            ContiguousDepth = KernelPlanner.ContiguousStatisticsDepth(Configuration, BatchNest);
        }

        public LayerModel Model { get; }

        public LayerConfiguration Configuration { get; }

        public Names Names { get; }

        public string T => Names.T;

        /// <summary>Parameter names of the extents given per call, in layout order.</summary>
        public string[] PerCall { get; }

        public Extent StatisticCount { get; }

        public Extent ValuesPerStatistic { get; }

        public int ParameterCount { get; }

        public int RunningCount { get; }

        public bool RunningViewDiffers { get; }

        /// <summary>The loops of the normalisation and gradient kernels with batch statistics.</summary>
        public LoopNest BatchNest { get; }

        /// <summary>Depth in <see cref="BatchNest"/> where each statistic's contiguous block starts, when there is one.</summary>
        public int? ContiguousDepth { get; }

        /// <summary>Every statistic is one contiguous block, so kernels finish each one while it is in cache.</summary>
        public bool ContiguousStatistics => ContiguousDepth is not null;

        public bool Affine => Configuration.Affine != AffineKind.None;

        public bool Tracks => Configuration.TrackRunningStats;

        /// <summary>", int batch, int height" — the per-call extents as parameters.</summary>
        public string DimensionParameters => string.Concat(PerCall.Select(p => ", int " + p));

        /// <summary>", batch, height" — the per-call extents as arguments.</summary>
        public string DimensionArguments => string.Concat(PerCall.Select(p => ", " + p));

        /// <summary>"batch, height" — the per-call extents alone.</summary>
        public string DimensionList => string.Join(", ", PerCall);

        /// <summary>Statistics arrays start this large; they grow only when the count depends on per-call extents.</summary>
        public int InitialStatisticCapacity => StatisticCount.IsConstant ? StatisticCount.Constant : RunningCount;

        /// <summary>The view the eval-mode kernels use.</summary>
        public StatisticView EvalView => RunningViewDiffers ? StatisticView.Running : StatisticView.Batch;
    }
}
