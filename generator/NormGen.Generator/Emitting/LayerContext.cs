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
            Plan = LayerPlanner.Plan(Configuration, PlannedNest);
            Elements = ElementTypes.Of(Configuration.ElementType);
            Names = new Names(Elements);
            DimensionNames = new DimensionNames(Configuration.Layout);
            PerCall = DimensionNames.PerCall;
            Constructed = DimensionNames.Constructed;
            Dimensions = DimensionNames.All;
            DimensionParameters = DimensionNames.Parameters;
            DimensionArguments = DimensionNames.Arguments;
            DimensionList = DimensionNames.List;
            CallParameters = DimensionNames.CallParameters;
            StatisticCount = KernelPlanner.StatisticCount(Configuration, StatisticView.Batch);
            ValuesPerStatistic = KernelPlanner.ValuesPerStatistic(Configuration);
            ParameterCount = KernelPlanner.ParameterCount(Configuration);
            RunningCount = Configuration.TrackRunningStats ? KernelPlanner.RunningCount(Configuration) : Extent.Of(0);
            RunningViewDiffers = KernelPlanner.RunningViewDiffers(Configuration);
            BatchNest = Nest(StatisticView.Batch, Affine);
            StatisticMajorNest = KernelPlanner.StatisticMajor(BatchNest);
            StatisticMajorDepth = BatchNest.Dims.Count(d => d.StatisticVaries);
            ChannelsLast = Plan.ChannelsLast is { } channelsLast ? new ChannelsLast(this, channelsLast) : null;
            Strategy = KernelStrategy.For(this);
        }

        /// <summary>The writer of the training kernels the plan chose, and of their calls.</summary>
        public KernelStrategy Strategy { get; }

        /// <summary>Every strategy decision for this layer, made once by <see cref="LayerPlanner"/>.</summary>
        public LayerPlan Plan { get; }

        /// <summary>The loops of a kernel in <paramref name="view"/>, planned once per layer and view (every
        /// emitter asks for them, several times); a kernel declares their products' locals
        /// (<see cref="LoopNestEmitter.DeclareExtents"/>).</summary>
        public LoopNest Nest(StatisticView view, bool withParameters)
        {
            int index = (int)view * 2 + (withParameters ? 1 : 0);
            return _nests[index] ??= KernelPlanner.WithExtentLocals(PlannedNest(view, withParameters));
        }

        /// <summary>The loops as <see cref="KernelPlanner.Plan"/> gives them, before their products are named: the ones the
        /// <see cref="LayerPlanner"/> reads and the ones <see cref="Nest"/> names, planned once.</summary>
        private LoopNest PlannedNest(StatisticView view, bool withParameters)
        {
            int index = (int)view * 2 + (withParameters ? 1 : 0);
            return _plannedNests[index] ??= KernelPlanner.Plan(Configuration, view, withParameters);
        }

        private readonly LoopNest?[] _nests = new LoopNest?[6];
        private readonly LoopNest?[] _plannedNests = new LoopNest?[6];

        public LayerModel Model { get; }

        /// <summary>The writer of the channels-last kernels' loops (<see cref="LayerPlan.ChannelsLast"/>), or null when the
        /// layer has none.</summary>
        public ChannelsLast? ChannelsLast { get; }

        public LayerConfiguration Configuration { get; }

        public Names Names { get; }

        /// <summary>The tensors' type and the type computed in.</summary>
        public ElementTypes Elements { get; }

        /// <summary>The type computed in (float for a Half layer).</summary>
        public string T => Names.T;

        /// <summary>The tensors' type.</summary>
        public string Tensor => Names.Tensor;

        /// <summary><c>global::System.ReadOnlySpan&lt;float&gt;</c>: a read tensor of the public methods.</summary>
        public string ReadOnlySpan => $"{Names.ReadOnlySpan}<{Tensor}>";

        /// <summary><c>global::System.Span&lt;float&gt;</c>: a written tensor of the public methods.</summary>
        public string Span => $"{Names.Span}<{Tensor}>";

        /// <summary>The names of the extents not fixed in the attribute; the properties below are its, for short.</summary>
        public DimensionNames DimensionNames { get; }

        /// <summary>Parameter names of the extents given per call, in layout order.</summary>
        public string[] PerCall { get; }

        /// <summary>Names of the extents given to the constructor, in layout order: each is a constructor parameter, a
        /// field (<c>_channels</c>) and, inside every public method, a local of the same name as the parameter.</summary>
        public string[] Constructed { get; }

        /// <summary>The layer has a constructor that takes extents.</summary>
        public bool HasConstructor => Constructed.Length > 0;

        /// <summary>Names of every extent not fixed in the attribute, in layout order: those given to the constructor
        /// and those given per call. The private kernels and shape helpers take all of them.</summary>
        public string[] Dimensions { get; }

        /// <summary>Whether <paramref name="extent"/> is known once the layer is constructed (constant, or a product of
        /// constructed extents): buffers of that size are allocated by the constructor.</summary>
        public bool KnownAtConstruction(Extent extent) => LayerPlanner.KnownAtConstruction(Configuration, extent);

        public Extent StatisticCount { get; }

        public Extent ValuesPerStatistic { get; }

        public Extent ParameterCount { get; }

        public Extent RunningCount { get; }

        public bool RunningViewDiffers { get; }

        /// <summary>The loops of the normalisation and gradient kernels with batch statistics.</summary>
        public LoopNest BatchNest { get; }

        /// <summary>Depth in <see cref="BatchNest"/> where each statistic's contiguous block starts, when there is one.</summary>
        public int? ContiguousDepth => Plan.ContiguousDepth;

        /// <summary>Every statistic is one contiguous block, so kernels finish each one while it is in cache.</summary>
        public bool ContiguousStatistics => ContiguousDepth is not null;

        /// <summary><see cref="BatchNest"/> with the loops along which statistics vary outermost.</summary>
        public LoopNest StatisticMajorNest { get; }

        /// <summary>How many loops of <see cref="StatisticMajorNest"/> index statistics (they come first).</summary>
        public int StatisticMajorDepth { get; }

        /// <summary>Whether training Forward and Backward finish one statistic at a time (<see cref="LayerPlan.Fusion"/>).</summary>
        public StatisticFusion Fusion => Plan.Fusion;

        /// <summary>The plan has <see cref="Threads.Statistics"/>.</summary>
        public bool Parallel => Plan.Has(Threads.Statistics);

        /// <summary>The plan has <see cref="Threads.Backward"/>.</summary>
        public bool ParallelBackward => Plan.Has(Threads.Backward);

        /// <summary>The plan has <see cref="Threads.Rows"/>.</summary>
        public bool ParallelRows => Plan.Has(Threads.Rows);

        /// <summary>Extent of the loop split across threads.</summary>
        public string SplitExtent => StatisticMajorNest.Dims[0].Extent.ProductCode();

        /// <summary>Values per statistic up to which a statistic is taken in one go.</summary>
        public int FusedStatisticLimit => FusionPlanner.FusedStatisticLimit(Elements);

        /// <summary>The condition, in generated code, under which <see cref="StatisticFusion.WhenSmall"/> fuses.</summary>
        public string FusionCondition => $"{ValuesPerStatistic.ToLongCode()} <= {Names.Int(FusedStatisticLimit)}L";

        public bool Affine => Configuration.Affine != AffineKind.None;

        /// <summary>The mean is subtracted (false for RMSNorm, whose statistic is the mean square and whose mean buffer
        /// holds zeros, so that every kernel that reads it stays right).</summary>
        public bool Centered => Configuration.Center;

        /// <summary>The layer has <c>Bias</c> and <c>BiasGrad</c>: affine and centred.</summary>
        public bool HasBias => Configuration.HasBias;

        public bool Tracks => Configuration.TrackRunningStats;

        /// <summary>The activation fused after the affine (none by default).</summary>
        public ActivationKind Activation => Configuration.Activation;

        public bool HasActivation => Configuration.HasActivation;

        /// <summary>The one-statistic-at-a-time Backward writes dz = dy * act'(z) into inputGrad in its first pass and reads
        /// it back from cache in the second, instead of taking act'(z) twice: for every activation but ReLU, whose
        /// derivative is a comparison. (docs/benchmarks.md, "Fused activation": GELU computed twice made the fused backward
        /// slower than a separate activation pass.)
        /// A layer whose tensors are narrower than its arithmetic keeps it in no tensor: dz rounded to Half would change dx.</summary>
        public bool KeepsActivationGradient => BackwardThroughActivation && Activation != ActivationKind.Relu && !Elements.Converts;

        /// <summary>Where a residual is added (none by default).</summary>
        public ResidualKind Residual => Configuration.Residual;

        /// <summary>y = act(norm(x) + r): the normalisation kernels read r beside x and add it before the activation.</summary>
        public bool ResidualBeforeActivation => Residual == ResidualKind.BeforeActivation;

        /// <summary>s = x + r, y = act(norm(s)): Forward writes s, then normalises it; Backward is the layer's own on s.</summary>
        public bool ResidualBeforeNorm => Residual == ResidualKind.BeforeNorm;

        /// <summary>Backward with an activation and the residual before it: a pass of its own writes dz = dy * act'(z),
        /// z = norm(x) + r, which is the residual's gradient, and the normalisation's kernels take dz as their dy.</summary>
        public bool ResidualGradientPass => HasActivation && ResidualBeforeActivation;

        /// <summary>The gradient kernels take dz = dy * act'(z) themselves, recomputing z from x (not when
        /// <see cref="ResidualGradientPass"/> has written dz first).</summary>
        public bool BackwardThroughActivation => HasActivation && !ResidualGradientPass;

        /// <summary>", int batch, int height" — every extent not fixed, as parameters of the private kernels.</summary>
        public string DimensionParameters { get; }

        /// <summary>", batch, height" — every extent not fixed, as arguments.</summary>
        public string DimensionArguments { get; }

        /// <summary>"batch, height" — every extent not fixed, alone.</summary>
        public string DimensionList { get; }

        /// <summary>", int batch, int height" — the per-call extents, as parameters of the public methods.</summary>
        public string CallParameters { get; }

        /// <summary>The statistic count is known once the layer is constructed, so its buffers never grow.</summary>
        public bool FixedStatisticCount => KnownAtConstruction(StatisticCount);

        /// <summary>Statistics arrays start this large; they grow only when the count depends on per-call extents.</summary>
        public Extent InitialStatisticCapacity => FixedStatisticCount ? StatisticCount : RunningCount;

        /// <summary>The channel count as code: a literal, or the constructed extent's local.</summary>
        public string ChannelsCode => Configuration.ChannelsAtConstruction ? Axis.C.ParameterName() : Names.Int(Configuration.Channels);

        /// <summary>The view the eval-mode kernels use.</summary>
        public StatisticView EvalView => RunningViewDiffers ? StatisticView.Running : StatisticView.Batch;
    }
}
