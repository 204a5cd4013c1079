using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics.Tensors;
using NormGen;

namespace NormGen.Samples.FashionMnist.Nn
{
    /// <summary>
    /// 3 × 3 convolution, stride 1, zero padding 1 (same height and width), with bias. Per sample: im2col into a
    /// (C_in·9) × (H·W) matrix, then out = W · col; backward dW += dOut · colᵀ, dcol = Wᵀ · dOut, then col2im.
    /// </summary>
    public sealed class Conv2d : ILayer
    {
        private const int Kernel = 3;
        private readonly NormalizedWeight weight;
        private readonly float[] bias;
        private readonly float[] biasGrad;
        private readonly float[] columns;
        private readonly float[] columnsGrad;
        private readonly float[] weightTransposed;
        private readonly Parameter[] parameters;

        public Conv2d(string name, Shape input, int outChannels, Random random, IWeightNormalization<float>? weightNorm = null)
        {
            Name = name;
            InputShape = input;
            OutputShape = new Shape(outChannels, input.Height, input.Width);
            int fanIn = input.Channels * Kernel * Kernel;
            var initial = new float[outChannels * fanIn];
            Initialization.Uniform(initial, fanIn, random);
            bias = new float[outChannels];
            Initialization.Uniform(bias, fanIn, random);
            weight = new NormalizedWeight(initial, weightNorm);
            biasGrad = new float[outChannels];
            columns = new float[fanIn * Plane];
            columnsGrad = new float[fanIn * Plane];
            weightTransposed = new float[initial.Length];
            parameters = weight.Parameters(name + ".weight").Append(new Parameter(name + ".bias", bias, biasGrad, decay: false)).ToArray();
        }

        public string Name { get; }

        public LayerKind Kind => LayerKind.Convolution;

        public Shape InputShape { get; }

        public Shape OutputShape { get; }

        public IReadOnlyList<Parameter> Parameters => parameters;

        public bool Training { get; set; } = true;

        public NormalizedWeight NormalizedWeight => weight;

        private int Plane => InputShape.Height * InputShape.Width;

        private int FanIn => InputShape.Channels * Kernel * Kernel;

        public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
        {
            weight.Refresh();
            int inSize = InputShape.Size, outSize = OutputShape.Size, plane = Plane;
            for (int n = 0; n < batch; n++)
            {
                Im2Col(input.Slice(n * inSize, inSize));
                var sample = output.Slice(n * outSize, outSize);
                for (int c = 0; c < OutputShape.Channels; c++)
                {
                    sample.Slice(c * plane, plane).Fill(bias[c]);
                }

                Gemm.MultiplyAdd(weight.Value, columns, sample, OutputShape.Channels, FanIn, plane);
            }
        }

        public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, int batch)
        {
            int inSize = InputShape.Size, outSize = OutputShape.Size, plane = Plane, fanIn = FanIn, outChannels = OutputShape.Channels;
            if (!inputGrad.IsEmpty)
            {
                Gemm.Transpose(weight.Value, weightTransposed, outChannels, fanIn);
            }

            for (int n = 0; n < batch; n++)
            {
                var sampleGrad = outputGrad.Slice(n * outSize, outSize);
                Im2Col(input.Slice(n * inSize, inSize));
                for (int c = 0; c < outChannels; c++)
                {
                    var channelGrad = sampleGrad.Slice(c * plane, plane);
                    biasGrad[c] += TensorPrimitives.Sum(channelGrad);
                    for (int k = 0; k < fanIn; k++)
                    {
                        weight.Grad[c * fanIn + k] += TensorPrimitives.Dot(channelGrad, columns.AsSpan(k * plane, plane));
                    }
                }

                if (!inputGrad.IsEmpty)
                {
                    Array.Clear(columnsGrad);
                    Gemm.MultiplyAdd(weightTransposed, sampleGrad, columnsGrad, fanIn, outChannels, plane);
                    Col2Im(inputGrad.Slice(n * inSize, inSize));
                }
            }

            weight.BackwardToParameters();
        }

        public void ZeroGrad()
        {
            weight.ZeroGrad();
            Array.Clear(biasGrad);
        }

        /// <summary>columns[(c·9 + ky·3 + kx), y·W + x] = input[c, y + ky − 1, x + kx − 1], zero outside.</summary>
        private void Im2Col(ReadOnlySpan<float> sample)
        {
            int height = InputShape.Height, width = InputShape.Width, plane = Plane;
            for (int c = 0; c < InputShape.Channels; c++)
            {
                for (int ky = 0; ky < Kernel; ky++)
                {
                    for (int kx = 0; kx < Kernel; kx++)
                    {
                        var row = columns.AsSpan(((c * Kernel + ky) * Kernel + kx) * plane, plane);
                        int dx = kx - 1;
                        for (int y = 0; y < height; y++)
                        {
                            var target = row.Slice(y * width, width);
                            int sourceY = y + ky - 1;
                            if (sourceY < 0 || sourceY >= height)
                            {
                                target.Clear();
                                continue;
                            }

                            var source = sample.Slice((c * height + sourceY) * width, width);
                            int from = Math.Max(0, -dx), to = Math.Min(width, width - dx);
                            target.Slice(0, from).Clear();
                            source.Slice(from + dx, to - from).CopyTo(target.Slice(from));
                            target.Slice(to).Clear();
                        }
                    }
                }
            }
        }

        /// <summary>The adjoint of <see cref="Im2Col"/>: adds every column entry back to the pixel it came from.</summary>
        private void Col2Im(Span<float> sampleGrad)
        {
            int height = InputShape.Height, width = InputShape.Width, plane = Plane;
            sampleGrad.Clear();
            for (int c = 0; c < InputShape.Channels; c++)
            {
                for (int ky = 0; ky < Kernel; ky++)
                {
                    for (int kx = 0; kx < Kernel; kx++)
                    {
                        var row = columnsGrad.AsSpan(((c * Kernel + ky) * Kernel + kx) * plane, plane);
                        int dx = kx - 1;
                        for (int y = 0; y < height; y++)
                        {
                            int sourceY = y + ky - 1;
                            if (sourceY < 0 || sourceY >= height)
                            {
                                continue;
                            }

                            var target = sampleGrad.Slice((c * height + sourceY) * width, width);
                            int from = Math.Max(0, -dx), to = Math.Min(width, width - dx);
                            var slice = target.Slice(from + dx, to - from);
                            TensorPrimitives.Add(slice, row.Slice(y * width + from, to - from), slice);
                        }
                    }
                }
            }
        }
    }
}
