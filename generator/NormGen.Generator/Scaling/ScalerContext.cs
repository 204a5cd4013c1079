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
            Nest = KernelPlanner.Plan(Layer, StatisticView.Batch, withParameters: false);
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

        public Extent ValuesPerStatistic { get; }

        /// <summary>The loops of every pass over the data.</summary>
        public LoopNest Nest { get; }

        /// <summary>"MinMaxScaler" or "StandardScaler".</summary>
        public string KindName => IsMinMax ? "MinMaxScaler" : "StandardScaler";

        public string CallParameters => DimensionNames.CallParameters;

        public string DimensionParameters => DimensionNames.Parameters;

        public string DimensionArguments => DimensionNames.Arguments;

        public string DimensionList => DimensionNames.List;

        public void DeclareConstructed(IndentedWriter w) => DimensionNames.DeclareConstructed(w);

        public string Span => Names.Span + "<" + T + ">";

        public string ReadOnlySpan => Names.ReadOnlySpan + "<" + T + ">";

        public string ArrayRef(string local, string array) =>
            "ref " + T + " " + local + " = ref " + Names.MemoryMarshal + ".GetArrayDataReference(" + array + ");";
    }
}
