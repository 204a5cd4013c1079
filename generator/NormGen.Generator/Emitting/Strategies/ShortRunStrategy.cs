using System;
using System.Linq;
using NormGen.Configuration;
using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Short runs on the runtime path (<see cref="ShortRunRoute"/>): a call of a channels-first BatchNorm-style layer whose
    /// values after C in a row are fewer than <see cref="ShortRunRoute.VectorsPerRun"/> vectors goes to
    /// <c>NormGen.Runtime.ShortRunKernels</c>, which take each row's channels as one stretch; any other call takes the
    /// layer's own strategy, whose kernels this one writes unchanged.
    /// </summary>
    internal sealed class ShortRunStrategy(LayerContext context, ShortRunRoute route, KernelStrategy otherwise) : KernelStrategy(context)
    {
        /// <summary>Batch statistics (mean, invStd and the sum of squared deviations, in Sum), then the output.</summary>
        public override void EmitTrainingForward(IndentedWriter w) =>
            EmitChoice(w, $"{BatchStatistics()}\n{Normalize()}", () => otherwise.EmitTrainingForward(w));

        public override void EmitBatchStatistics(IndentedWriter w) =>
            EmitChoice(w, BatchStatistics(), () => otherwise.EmitBatchStatistics(w));

        /// <summary>The input gradient through batch statistics, and the parameter gradients of this call.</summary>
        public override void EmitBatchGradient(IndentedWriter w) =>
            EmitChoice(w, Call("BatchGradient", $"input, outputGrad, inputGrad, {Shape()}, buffers.Mean, buffers.InvStd, {(Context.Affine ? "Weight" : "default")}, buffers.Sum, buffers.SumXhat, {(Context.Affine ? "_weightGradStep, _biasGradStep" : "default, default")}"),
                () => otherwise.EmitBatchGradient(w));

        public override void EmitRunningNormalize(IndentedWriter w) =>
            EmitChoice(w, Normalize(), () => otherwise.EmitRunningNormalize(w));

        /// <summary>The input gradient through running statistics, and the parameter gradients of this call.</summary>
        public override void EmitRunningGradient(IndentedWriter w) =>
            EmitChoice(w, Call("RunningGradient", $"input, outputGrad, inputGrad, {Shape()}, buffers.Mean, buffers.InvStd, {(Context.Affine ? "Weight, _weightGradStep, _biasGradStep" : "default, default, default")}"),
                () => otherwise.EmitRunningGradient(w));

        public override string NormalizeCall() => otherwise.NormalizeCall();

        public override void EmitAddNormalizeShortcut(IndentedWriter w) => otherwise.EmitAddNormalizeShortcut(w);

        public override void EmitForwardKernels(IndentedWriter w) => otherwise.EmitForwardKernels(w);

        public override void EmitNormalizeKernel(IndentedWriter w) => otherwise.EmitNormalizeKernel(w);

        public override void EmitStatisticsKernels(IndentedWriter w) => otherwise.EmitStatisticsKernels(w);

        public override void EmitBackwardKernels(IndentedWriter w) => otherwise.EmitBackwardKernels(w);

        /// <summary>Writes <paramref name="routed"/> under the route's condition and <paramref name="otherwise"/> in its
        /// else branch.</summary>
        private void EmitChoice(IndentedWriter w, string routed, Action otherwise)
        {
            w.Line($"// Runs shorter than {ShortRunRoute.VectorsPerRun} vectors: the runtime takes each row's channels as one stretch.");
            using (w.Block($"if ({Product(route.Inner)} < {ShortRunRoute.VectorsPerRun} * {Context.Names.VectorT}.Count)"))
            {
                w.Lines(routed);
            }

            using (w.Block("else"))
            {
                otherwise();
            }
        }

        /// <summary>Batch statistics alone: mean, invStd and the sum of squared deviations, in Sum.</summary>
        private string BatchStatistics() =>
            Call("BatchStatistics", $"input, {Shape()}, buffers.Mean, buffers.InvStd, buffers.Sum, {Context.Names.Literal(Context.Configuration.Epsilon)}");

        /// <summary>The output from the statistics in buffers.Mean and buffers.InvStd.</summary>
        private string Normalize() =>
            Call("Normalize", $"input, output, {Shape()}, buffers.Mean, buffers.InvStd, {(Context.Affine ? "Weight, Bias" : "default, default")}");

        private string Shape() => $"{Product(route.Rows)}, {Context.ChannelsCode}, {Product(route.Inner)}";

        /// <summary>The product of <paramref name="axes"/>' extents, as code (<c>height * width</c>; <c>1</c> for none).</summary>
        private static string Product(EquatableArray<LayoutAxis> axes) =>
            axes.Count == 0 ? "1" : string.Join(" * ", axes.Select(DimensionNames.Extent));

        private string Call(string kernel, string arguments) =>
            $"{Names.ShortRunKernels}.{kernel}<{Context.T}>({arguments});";
    }
}
