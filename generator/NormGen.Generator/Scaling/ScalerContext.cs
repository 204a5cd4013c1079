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
            Constructed = Configuration.ConstructionAxes.Select(a => a.Axis.ParameterName()).ToArray();
            Dimensions = Configuration.Layout.Where(a => !a.IsFixed).Select(a => a.Axis.ParameterName()).ToArray();
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

        /// <summary>Parameter names of the extents given per call, in layout order.</summary>
        public string[] PerCall { get; }

        /// <summary>Parameter names of the extents the constructor takes (kept axes not fixed), in layout order.</summary>
        public string[] Constructed { get; }

        /// <summary>Every extent not fixed in the attribute, in layout order: the kernels' dimension parameters.</summary>
        public string[] Dimensions { get; }

        /// <summary>Number of statistics: a constant, or a product of extents given to the constructor.</summary>
        public Extent StatisticCount { get; }

        public Extent ValuesPerStatistic { get; }

        /// <summary>The loops of every pass over the data.</summary>
        public LoopNest Nest { get; }

        /// <summary>"MinMaxScaler" or "StandardScaler".</summary>
        public string KindName => IsMinMax ? "MinMaxScaler" : "StandardScaler";

        /// <summary>", int batch" — the per-call extents, as parameters of the public methods.</summary>
        public string CallParameters => string.Concat(PerCall.Select(p => ", int " + p));

        /// <summary>", int batch, int channels" — every extent not fixed, as parameters of the kernels.</summary>
        public string DimensionParameters => string.Concat(Dimensions.Select(p => ", int " + p));

        /// <summary>", batch, channels" — every extent not fixed, as arguments.</summary>
        public string DimensionArguments => string.Concat(Dimensions.Select(p => ", " + p));

        /// <summary>"batch, channels" — every extent not fixed, alone.</summary>
        public string DimensionList => string.Join(", ", Dimensions);

        /// <summary>Declares a local for each extent given to the constructor (<c>int channels = _channels;</c>).</summary>
        public void DeclareConstructed(IndentedWriter w)
        {
            foreach (var name in Constructed)
            {
                w.Line("int " + name + " = " + LayerContext.Field(name) + ";");
            }
        }

        public string Span => Names.Span + "<" + T + ">";

        public string ReadOnlySpan => Names.ReadOnlySpan + "<" + T + ">";

        public string ArrayRef(string local, string array) =>
            "ref " + T + " " + local + " = ref " + Names.MemoryMarshal + ".GetArrayDataReference(" + array + ");";
    }
}
