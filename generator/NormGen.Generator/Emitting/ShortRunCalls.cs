using System;
using System.Linq;
using NormGen.Configuration;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>Writes the calls that hand a call with short runs of a channels-first BatchNorm-style layer to
    /// <c>NormGen.Runtime.ShortRunKernels</c> (see <see cref="ShortRunRoute"/>), beside the layer's own kernels.</summary>
    internal static class ShortRunCalls
    {
        /// <summary>Writes <paramref name="routed"/> under the route's condition and <paramref name="otherwise"/> in
        /// its else branch; for a layer without the route, <paramref name="otherwise"/> alone.</summary>
        public static void EmitChoice(IndentedWriter w, LayerContext c, Func<ShortRunRoute, string> routed, Action otherwise)
        {
            if (c.Plan.ShortRun is not { } route)
            {
                otherwise();
                return;
            }

            w.Line("// Runs shorter than " + Names.Int(ShortRunRoute.VectorsPerRun) + " vectors: the runtime takes each row's channels as one stretch.");
            using (w.Block("if (" + Product(route.Inner) + " < " + Names.Int(ShortRunRoute.VectorsPerRun) + " * " + c.Names.VectorT + ".Count)"))
            {
                w.Lines(routed(route));
            }

            using (w.Block("else"))
            {
                otherwise();
            }
        }

        /// <summary>Batch statistics (mean, invStd and the sum of squared deviations, in Sum), then the output.</summary>
        public static string TrainingForward(LayerContext c, ShortRunRoute route) =>
            BatchStatistics(c, route) + "\n" + Normalize(c, route);

        /// <summary>Batch statistics alone: mean, invStd and the sum of squared deviations, in Sum.</summary>
        public static string BatchStatistics(LayerContext c, ShortRunRoute route) =>
            Call(c, "BatchStatistics", "input, " + Shape(c, route) + ", buffers.Mean, buffers.InvStd, buffers.Sum, " + c.Names.Literal(c.Configuration.Epsilon));

        /// <summary>The output from the statistics in buffers.Mean and buffers.InvStd.</summary>
        public static string Normalize(LayerContext c, ShortRunRoute route) =>
            Call(c, "Normalize", "input, output, " + Shape(c, route) + ", buffers.Mean, buffers.InvStd, " + (c.Affine ? "Weight, Bias" : "default, default"));

        /// <summary>The input gradient through batch statistics, and the parameter gradients of this call.</summary>
        public static string BatchGradient(LayerContext c, ShortRunRoute route) =>
            Call(c, "BatchGradient", "input, outputGrad, inputGrad, " + Shape(c, route) + ", buffers.Mean, buffers.InvStd, "
                + (c.Affine ? "Weight" : "default") + ", buffers.Sum, buffers.SumXhat, " + (c.Affine ? "_weightGradStep, _biasGradStep" : "default, default"));

        /// <summary>The input gradient through running statistics, and the parameter gradients of this call.</summary>
        public static string RunningGradient(LayerContext c, ShortRunRoute route) =>
            Call(c, "RunningGradient", "input, outputGrad, inputGrad, " + Shape(c, route) + ", buffers.Mean, buffers.InvStd, "
                + (c.Affine ? "Weight, _weightGradStep, _biasGradStep" : "default, default, default"));

        private static string Shape(LayerContext c, ShortRunRoute route) => Product(route.Rows) + ", " + c.ChannelsCode + ", " + Product(route.Inner);

        /// <summary>The product of <paramref name="axes"/>' extents, as code (<c>height * width</c>; <c>1</c> for none).</summary>
        private static string Product(EquatableArray<LayoutAxis> axes) =>
            axes.Count == 0 ? "1" : string.Join(" * ", axes.Select(a => a.IsFixed ? Names.Int(a.FixedExtent) : a.Axis.ParameterName()));

        private static string Call(LayerContext c, string kernel, string arguments) =>
            Names.ShortRunKernels + "." + kernel + "<" + c.T + ">(" + arguments + ");";
    }
}
