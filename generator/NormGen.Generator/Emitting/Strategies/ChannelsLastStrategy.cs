using NormGen.Generator.Planning;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Channels-last (<see cref="ChannelsLastPlan"/>): whole-tensor passes row by row, vertical vector operations along C.
    /// The statistics (<c>ChannelsLastStrategy.Statistics.cs</c>) and the gradient sums
    /// (<c>ChannelsLastStrategy.GradientSums.cs</c>) read the input once, in chunks of rows; the element-wise kernels here
    /// set each channel's coefficients (its statistic's mean, invStd times its weight, ...) once per block of rows in a
    /// per-channel array, then take one row at a time (interleaved rows were slower: docs/benchmarks.md, "The generator's
    /// thresholds"). Large calls share rows, chunks or blocks among threads; results do not depend on their number.
    /// </summary>
    internal sealed partial class ChannelsLastStrategy(ChannelsLast shape) : KernelStrategy(shape.Context)
    {
        private const string RowSliceComment = "// Rows [firstRow, endRow) of every block: slice of slices, so that threads can share them.";

        public override void EmitTrainingForward(IndentedWriter w) => w.Lines($"{BatchStatisticsCall()}\n{NormalizeCall()}");

        public override void EmitBatchStatistics(IndentedWriter w) => w.Lines(BatchStatisticsCall());

        public override void EmitBatchGradient(IndentedWriter w) =>
            w.Lines($"{GradientSumsCall()}\n{KernelCalls.CallOnThreadsWhenLarge(Context, Kernel(MemberNames.InputGradient))}");

        public override string NormalizeCall() => KernelCalls.CallOnThreadsWhenLarge(Context, Kernel(MemberNames.Normalize));

        /// <summary>The chunked statistics, or RMSNorm's mean-square pass along the loop nest.</summary>
        public override void EmitStatisticsKernels(IndentedWriter w)
        {
            if (Context.Plan.Statistics == StatisticsPass.MeanSquares)
            {
                LoopNestKernels.EmitMeanSquares(w, Context);
            }
            else
            {
                EmitChunkedStatistics(w);
            }
        }

        public override void EmitBackwardKernels(IndentedWriter w)
        {
            EmitGradientSums(w);
            EmitInputGradient(w);
        }

        private string BatchStatisticsCall() =>
            Context.Plan.Statistics == StatisticsPass.MeanSquares
                ? KernelCalls.Call(Context, Kernel(MemberNames.ComputeBatchStatistics))
                : StatisticsCall();

        /// <summary>y = (x - mean) * (invStd * weight) + bias, then the activation.</summary>
        public override void EmitNormalizeKernel(IndentedWriter w)
        {
            var c = Context;
            string then = ForwardEmitter.ThenActivation(c);
            w.Line(c.Centered
                ? $"// y = (x - mean) * invStd{(c.Affine ? " * weight + bias" : "")}{then}, with each channel's mean and scale set once per block of rows."
                : $"// y = x * invStd{(c.Affine ? " * weight" : "")} (RMSNorm){then}, with each channel's scale set once per block of rows.");
            w.Line(RowSliceComment);
            using (w.Block(KernelCalls.Declaration(c, Kernel(MemberNames.Normalize))))
            {
                KernelSnippets.DeclareStatistics(w, c, "_mean", "_invStd");
                DeclareParameters(w, c, weight: c.Affine, bias: c.HasBias);
                shape.DeclareRows(w);
                RowSliceCalls.DeclareBounds(w);
                using var scratch = c.Centered ? shape.DeclareScratch(w, "meanC", "scaleC") : shape.DeclareScratch(w, "scaleC");
                shape.EmitOuter(w, at =>
                {
                    shape.EmitPerChannel(w, at.Statistic, s =>
                    {
                        if (c.Centered)
                        {
                            w.Line($"{KernelSnippets.At("meanC", "k")} = {KernelSnippets.At("mean", s)};");
                        }

                        w.Line($"{KernelSnippets.At("scaleC", "k")} = {ScaleOf(c, s)};");
                    });
                    shape.EmitRows(w, "endRow", at.Input, 1, b =>
                    {
                        var mean = c.Centered ? b.Channel("m", "meanC") : null;
                        var scale = b.Channel("sc", "scaleC");
                        var bias = c.HasBias ? b.Channel("bi", "bias") : null;
                        for (int row = 0; row < b.Rows; row++)
                        {
                            var x = b.Input("x", row);
                            var y = mean is null ? x * scale : (x - mean) * scale;
                            y = c.Centered && bias is not null ? y + bias : y;
                            y = c.ResidualBeforeActivation ? y + b.Input("res", row) : y;
                            b.Store("y", row, ActivationCalls.Apply(c, y));
                        }
                    }, firstRow: "firstRow");
                });
            }

            w.Line();
            EmitOnThreadsTwin(w, MemberNames.Normalize);
        }

        /// <summary>invStd times the channel's weight (affine), for the statistic <paramref name="s"/> of channel k.</summary>
        private static string ScaleOf(LayerContext c, string s) =>
            c.Affine ? $"{KernelSnippets.At("invStd", s)} * {KernelSnippets.At("weight", "k")}" : KernelSnippets.At("invStd", s);

        /// <summary>Declares the weight and the bias as ref locals, those asked for.</summary>
        private static void DeclareParameters(IndentedWriter w, LayerContext c, bool weight, bool bias)
        {
            if (weight)
            {
                KernelSnippets.DeclareArray(w, c, "weight", MemberNames.Weight);
            }

            if (bias)
            {
                KernelSnippets.DeclareArray(w, c, "bias", MemberNames.Bias);
            }
        }

        /// <summary>dx = invStd * (g - mean(g) - xhat * mean(g * xhat)) written as a * dy - (x - mean) * b - e with
        /// per-channel a = invStd * weight, b = invStd^2 * mean(g * xhat), e = invStd * mean(g).</summary>
        private void EmitInputGradient(IndentedWriter w)
        {
            var c = Context;
            string T = c.T;
            string g = c.Affine ? " * weight" : "";
            w.Line(c.Centered
                ? $"// dx = invStd * (g - mean(g) - xhat * mean(g * xhat)), g = dy{g}, as a * dy - (x - mean) * b - e per channel."
                : $"// dx = invStd * (g - xhat * mean(g * xhat)), xhat = x * invStd, g = dy{g} (RMSNorm), as a * dy - x * b per channel.");
            w.Line(RowSliceComment);
            using (w.Block(KernelCalls.Declaration(c, Kernel(MemberNames.InputGradient))))
            {
                if (c.Centered)
                {
                    KernelSnippets.DeclareStatistics(w, c, "_mean", "_invStd", "_sum", "_sumXhat");
                }
                else
                {
                    KernelSnippets.DeclareStatistics(w, c, "_invStd", "_sumXhat");
                }

                DeclareParameters(w, c, weight: c.Affine, bias: c.BackwardThroughActivation && c.HasBias);
                shape.DeclareRows(w);
                RowSliceCalls.DeclareBounds(w);
                using var scratch = c.Centered ? shape.DeclareScratch(w, "meanC", "aC", "bC", "eC") : shape.DeclareScratch(w, "aC", "bC");
                shape.EmitOuter(w, at =>
                {
                    shape.EmitPerChannel(w, at.Statistic, s =>
                    {
                        w.Line($"{T} inv = {KernelSnippets.At("invStd", s)};");
                        if (c.Centered)
                        {
                            w.Line($"{KernelSnippets.At("meanC", "k")} = {KernelSnippets.At("mean", s)};");
                        }

                        w.Line($"{KernelSnippets.At("aC", "k")} = inv{(c.Affine ? $" * {KernelSnippets.At("weight", "k")}" : "")};");
                        w.Line($"{KernelSnippets.At("bC", "k")} = inv * inv * {KernelSnippets.At("sumXhat", s)};");
                        if (c.Centered)
                        {
                            w.Line($"{KernelSnippets.At("eC", "k")} = inv * {KernelSnippets.At("sum", s)};");
                        }
                    });
                    shape.EmitRows(w, "endRow", at.Input, 1, b =>
                    {
                        var mean = c.Centered ? b.Channel("m", "meanC") : null;
                        var av = b.Channel("av", "aC");
                        var bv = b.Channel("bv", "bC");
                        var ev = c.Centered ? b.Channel("ev", "eC") : null;
                        var bias = c.BackwardThroughActivation && c.HasBias ? b.Channel("bi", "bias") : null;
                        for (int row = 0; row < b.Rows; row++)
                        {
                            // With an activation, dy is dz = dy * act'(z), z = (x - mean) * a + bias: a is invStd * weight.
                            var x = b.Input("x", row);
                            var centred = mean is null ? x : x - mean;
                            LoopValue dy = b.Input("dy", row);
                            if (c.BackwardThroughActivation)
                            {
                                dy = b.Let($"dz{Names.Int(row)}", ActivationCalls.Backward(c, ActivationCalls.PreActivation(centred, av, bias), dy));
                            }

                            b.Store("dx", row, ev is null ? av * dy - x * bv : av * dy - centred * bv - ev);
                        }
                    }, firstRow: "firstRow");
                });
            }

            w.Line();
            EmitOnThreadsTwin(w, MemberNames.InputGradient);
        }
    }
}
