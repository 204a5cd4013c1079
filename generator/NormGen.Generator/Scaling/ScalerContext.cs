using System.Linq;
using NormGen.Configuration;
using NormGen.Generator.Emitting;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Scaling
{
    /// <summary>The facts about one scaler that several emitters need, derived once from its model.</summary>
    internal sealed class ScalerContext
    {
        public ScalerContext(ScalerModel model)
        {
            Model = model;
            Configuration = model.Configuration;
            Layer = Configuration.AsLayerConfiguration();
            Names = new Names(Configuration.ElementType);
            DimensionNames = new DimensionNames(Configuration.Layout);
            StatisticCount = KernelPlanner.StatisticCount(Layer, StatisticView.Batch);
            ValuesPerStatistic = KernelPlanner.ValuesPerStatistic(Layer);
            Nest = KernelPlanner.WithExtentLocals(KernelPlanner.Plan(Layer, StatisticView.Batch, withParameters: false));
            CallParameters = DimensionNames.CallParameters;
            DimensionParameters = DimensionNames.Parameters;
            DimensionArguments = DimensionNames.Arguments;
            DimensionList = DimensionNames.List;
            Span = $"{Names.Span}<{T}>";
            ReadOnlySpan = $"{Names.ReadOnlySpan}<{T}>";
            StatisticCountCode = StatisticCount.ToCode();
            ConstructedLocals = string.Concat(Constructed.Select(name => $"int {name} = {DimensionNames.Field(name)};\n"));
        }

        public ScalerModel Model { get; }

        public ScalerConfiguration Configuration { get; }

        /// <summary>The same layout as a parameterless layer configuration, for the loop planner.</summary>
        public LayerConfiguration Layer { get; }

        public Names Names { get; }

        public string T => Names.T;

        public bool IsMinMax => Configuration.Kind == ScalerKind.MinMax;

        /// <summary>The extents given per call (reduced axes not fixed), to the constructor (kept axes not fixed), and both.</summary>
        public DimensionNames DimensionNames { get; }

        public string[] PerCall => DimensionNames.PerCall;

        public string[] Constructed => DimensionNames.Constructed;

        /// <summary>Number of statistics: a constant, or a product of extents given to the constructor.</summary>
        public Extent StatisticCount { get; }

        /// <summary><see cref="StatisticCount"/> as an expression of the generated code.</summary>
        public string StatisticCountCode { get; }

        public Extent ValuesPerStatistic { get; }

        /// <summary>The loops of every pass over the data.</summary>
        public LoopNest Nest { get; }

        /// <summary>"MinMaxScaler" or "StandardScaler".</summary>
        public string KindName => IsMinMax ? "MinMaxScaler" : "StandardScaler";

        // The extents' names as the methods' text needs them, built once (see DimensionNames).
        public string CallParameters { get; }

        public string DimensionParameters { get; }

        public string DimensionArguments { get; }

        public string DimensionList { get; }

        /// <summary>A local for each extent given to the constructor (<c>int channels = _channels;</c>), a line each, so
        /// the kernels' arguments read the same whether an extent is constructed or per call; empty when there is none.</summary>
        public string ConstructedLocals { get; }

        public string Span { get; }

        public string ReadOnlySpan { get; }

        public string ArrayRef(string local, string array) =>
            $"ref {T} {local} = ref {Names.MemoryMarshal}.GetArrayDataReference({array});";
    }
}
