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
            PerCall = Configuration.PerCallAxes.Select(a => a.Axis.ParameterName()).ToArray();
            StatisticCount = Configuration.StatisticCount;
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

        /// <summary>Parameter names of the extents given per call, in layout order.</summary>
        public string[] PerCall { get; }

        public int StatisticCount { get; }

        public Extent ValuesPerStatistic { get; }

        /// <summary>The loops of every pass over the data.</summary>
        public LoopNest Nest { get; }

        /// <summary>"MinMaxScaler" or "StandardScaler".</summary>
        public string KindName => IsMinMax ? "MinMaxScaler" : "StandardScaler";

        /// <summary>", int batch" — the per-call extents as parameters.</summary>
        public string DimensionParameters => string.Concat(PerCall.Select(p => ", int " + p));

        /// <summary>", batch" — the per-call extents as arguments.</summary>
        public string DimensionArguments => string.Concat(PerCall.Select(p => ", " + p));

        /// <summary>"batch" — the per-call extents alone.</summary>
        public string DimensionList => string.Join(", ", PerCall);

        public string Span => Names.Span + "<" + T + ">";

        public string ReadOnlySpan => Names.ReadOnlySpan + "<" + T + ">";

        public string ArrayRef(string local, string array) =>
            "ref " + T + " " + local + " = ref " + Names.MemoryMarshal + ".GetArrayDataReference(" + array + ");";
    }
}
