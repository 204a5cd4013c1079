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
        public override void EmitTrainingForward(IndentedWriter w) => w.Lines(BatchStatisticsCall() + "\n" + NormalizeCall());

        public override void EmitBatchStatistics(IndentedWriter w) => w.Lines(BatchStatisticsCall());

        public override void EmitBatchGradient(IndentedWriter w) =>
            w.Lines(GradientSumsCall() + "\n" + RowSliceCalls.Call(Context, "InputGradient", "input, outputGrad, inputGrad", "ref x, ref dy, ref dx"));

        public override string NormalizeCall() =>
            RowSliceCalls.Call(Context, "Normalize", ResidualCalls.SpanArguments(Context), ResidualCalls.KernelArguments(Context));

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
                ? "ComputeBatchStatistics(ref x" + CallBuffers.Arguments(Context) + ");"
                : StatisticsCall();

        /// <summary>y = (x - mean) * (invStd * weight) + bias, then the activation.</summary>
        public override void EmitNormalizeKernel(IndentedWriter w)
        {
            var c = Context;
            w.Line(c.Centered
                ? "// y = (x - mean) * invStd" + (c.Affine ? " * weight + bias" : "") + ForwardEmitter.ThenActivation(c) + ", with each channel's mean and scale set once per block of rows."
                : "// y = x * invStd" + (c.Affine ? " * weight" : "") + " (RMSNorm)" + ForwardEmitter.ThenActivation(c) + ", with each channel's scale set once per block of rows.");
            w.Line("// Rows [firstRow, endRow) of every block: slice of slices, so that threads can share them.");
            using (w.Block("private void Normalize(" + ResidualCalls.KernelParameters(c) + RowSliceCalls.Parameters + CallBuffers.Parameters(c) + ")"))
            {
                KernelSnippets.DeclareStatistics(w, c, "_mean", "_invStd");
                if (c.Affine)
                {
                    KernelSnippets.DeclareArray(w, c, "weight", "Weight");
                }

                if (c.HasBias)
                {
                    KernelSnippets.DeclareArray(w, c, "bias", "Bias");
                }

                w.Line("int rows = " + shape.Rows + ";");
                RowSliceCalls.DeclareBounds(w);
                using var scratch = c.Centered ? shape.DeclareScratch(w, "meanC", "scaleC") : shape.DeclareScratch(w, "scaleC");
                shape.EmitOuter(w, at =>
                {
                    shape.EmitPerChannel(w, at.Statistic, () =>
                    {
                        if (c.Centered)
                        {
                            w.Line(KernelSnippets.At("meanC", "k") + " = " + KernelSnippets.At("mean", "s") + ";");
                        }

                        w.Line(KernelSnippets.At("scaleC", "k") + " = " + KernelSnippets.At("invStd", "s") + (c.Affine ? " * " + KernelSnippets.At("weight", "k") : "") + ";");
                    });
                    shape.EmitRows(w, "endRow", at.Input, 1, a =>
                    {
                        if (c.Centered)
                        {
                            a.Let("m", a.Channel("meanC"));
                        }

                        a.Let("sc", a.Channel("scaleC"));
                        if (c.HasBias)
                        {
                            a.Let("bi", a.Channel("bias"));
                        }

                        for (int row = 0; row < a.Rows; row++)
                        {
                            string residual = c.ResidualBeforeActivation ? " + " + a.Input("res", row) : "";
                            a.Store("y", row, ActivationCalls.Apply(c, c.Centered
                                ? "(" + a.Input("x", row) + " - m) * sc" + (c.HasBias ? " + bi" : "") + residual
                                : a.Input("x", row) + " * sc" + residual));
                        }
                    }, firstRow: "firstRow");
                });
            }

            w.Line();
            RowSliceCalls.EmitOnThreads(w, c, "Normalize", ResidualCalls.SpanParameters(c), ResidualCalls.ThreadSpans(c), ResidualCalls.ThreadRefs(c));
        }

        /// <summary>dx = invStd * (g - mean(g) - xhat * mean(g * xhat)) written as a * dy - (x - mean) * b - e with
        /// per-channel a = invStd * weight, b = invStd^2 * mean(g * xhat), e = invStd * mean(g).</summary>
        private void EmitInputGradient(IndentedWriter w)
        {
            var c = Context;
            string T = c.T;
            w.Line(c.Centered
                ? "// dx = invStd * (g - mean(g) - xhat * mean(g * xhat)), g = dy" + (c.Affine ? " * weight" : "") + ", as a * dy - (x - mean) * b - e per channel."
                : "// dx = invStd * (g - xhat * mean(g * xhat)), xhat = x * invStd, g = dy" + (c.Affine ? " * weight" : "") + " (RMSNorm), as a * dy - x * b per channel.");
            w.Line("// Rows [firstRow, endRow) of every block: slice of slices, so that threads can share them.");
            using (w.Block("private void InputGradient(ref " + c.Tensor + " x, ref " + c.Tensor + " dy, ref " + c.Tensor + " dx" + RowSliceCalls.Parameters + CallBuffers.Parameters(c) + ")"))
            {
                if (c.Centered)
                {
                    KernelSnippets.DeclareStatistics(w, c, "_mean", "_invStd", "_sum", "_sumXhat");
                }
                else
                {
                    KernelSnippets.DeclareStatistics(w, c, "_invStd", "_sumXhat");
                }
                if (c.Affine)
                {
                    KernelSnippets.DeclareArray(w, c, "weight", "Weight");
                }

                if (c.BackwardThroughActivation && c.HasBias)
                {
                    KernelSnippets.DeclareArray(w, c, "bias", "Bias");
                }

                w.Line("int rows = " + shape.Rows + ";");
                RowSliceCalls.DeclareBounds(w);
                using var scratch = c.Centered ? shape.DeclareScratch(w, "meanC", "aC", "bC", "eC") : shape.DeclareScratch(w, "aC", "bC");
                shape.EmitOuter(w, at =>
                {
                    shape.EmitPerChannel(w, at.Statistic, () =>
                    {
                        w.Line(T + " inv = " + KernelSnippets.At("invStd", "s") + ";");
                        if (c.Centered)
                        {
                            w.Line(KernelSnippets.At("meanC", "k") + " = " + KernelSnippets.At("mean", "s") + ";");
                        }

                        w.Line(KernelSnippets.At("aC", "k") + " = inv" + (c.Affine ? " * " + KernelSnippets.At("weight", "k") : "") + ";");
                        w.Line(KernelSnippets.At("bC", "k") + " = inv * inv * " + KernelSnippets.At("sumXhat", "s") + ";");
                        if (c.Centered)
                        {
                            w.Line(KernelSnippets.At("eC", "k") + " = inv * " + KernelSnippets.At("sum", "s") + ";");
                        }
                    });
                    shape.EmitRows(w, "endRow", at.Input, 1, a =>
                    {
                        if (c.Centered)
                        {
                            a.Let("m", a.Channel("meanC"));
                        }

                        a.Let("av", a.Channel("aC"));
                        a.Let("bv", a.Channel("bC"));
                        if (c.Centered)
                        {
                            a.Let("ev", a.Channel("eC"));
                        }

                        if (c.BackwardThroughActivation && c.HasBias)
                        {
                            a.Let("bi", a.Channel("bias"));
                        }

                        for (int row = 0; row < a.Rows; row++)
                        {
                            // With an activation, dy is dz = dy * act'(z), z = (x - mean) * a + bias: a is invStd * weight.
                            string dy = a.Input("dy", row);
                            if (c.BackwardThroughActivation)
                            {
                                string centred = c.Centered ? "(" + a.Input("x", row) + " - m)" : a.Input("x", row);
                                a.Let("dz" + Names.Int(row), ActivationCalls.Backward(c, centred + " * av" + (c.HasBias ? " + bi" : ""), dy));
                                dy = "dz" + Names.Int(row);
                            }

                            a.Store("dx", row, c.Centered
                                ? "av * " + dy + " - (" + a.Input("x", row) + " - m) * bv - ev"
                                : "av * " + dy + " - " + a.Input("x", row) + " * bv");
                        }
                    }, firstRow: "firstRow");
                });
            }

            w.Line();
            RowSliceCalls.EmitOnThreads(w, c, "InputGradient", Names.ReadOnlySpan + "<" + c.Tensor + "> input, " + Names.ReadOnlySpan + "<" + c.Tensor + "> outputGrad, " + Names.Span + "<" + c.Tensor + "> inputGrad", "input, outputGrad, inputGrad", "ref input, ref secondInput, ref output");
        }
    }
}
