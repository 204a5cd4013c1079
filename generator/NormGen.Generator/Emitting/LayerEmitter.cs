using Microsoft.CodeAnalysis.Text;
using System.Linq;
using NormGen.Generator.Model;

namespace NormGen.Generator.Emitting
{
    /// <summary>Writes the generated source file of one layer: the declaration shell, then each group of members, the
    /// kernels of the layer's <see cref="KernelStrategy"/> among them.</summary>
    internal static class LayerEmitter
    {
        public static SourceText Emit(LayerModel model)
        {
            var context = new LayerContext(model);
            var w = new IndentedWriter(GeneratedFile.Capacity);
            using (model.Declaration.Open(w, context.Names, Summary(context), BaseList(context)))
            {
                StateEmitter.Emit(w, context);
                ShapeEmitter.Emit(w, context);
                ForwardEmitter.Emit(w, context);
                context.Strategy.EmitStatisticsKernels(w);
                RunningStatisticsEmitter.Emit(w, context);
                BackwardEmitter.Emit(w, context);
                SynchronizedStatisticsEmitter.Emit(w, context);
            }

            KernelSnippets.DropUnusedVectorAliases(w, context.Names);
            return w.ToSourceText();
        }

        private static string BaseList(LayerContext context) =>
            SynchronizedStatisticsEmitter.Interface(context) is { } synchronized ? $"{context.Names.Interface}, {synchronized}"
            : ResidualCalls.Interface(context) is { } residual ? residual
            : context.Names.Interface;

        private static string Summary(LayerContext context)
        {
            var c = context.Configuration;
            string groups = !c.HasGroups ? ""
                : c.ChannelsAtConstruction ? $", {Names.Int(c.Groups)} groups"
                : $", {Names.Int(c.Groups)} groups of {Names.Int(c.GroupSize)} channels";
            string shape = string.Join(", ", c.Layout.Select(a => a.IsFixed ? $"{a.Axis}={Names.Int(a.FixedExtent)}" : a.Axis.ToString()));
            string kind = c.Center ? "" : " by their root mean square (RMSNorm)";
            return $"Normalises {context.T} tensors laid out {c.LayoutText} ({shape}) over {c.AxesText}{groups}{kind}.";
        }
    }
}
