using System;
using System.Collections.Generic;

namespace NormGen.Samples.FashionMnist.Nn
{
    /// <summary>2 × 2 max pooling, stride 2 (odd edges dropped, as PyTorch). Backward routes each gradient to the
    /// input that was the maximum (the first one on ties).</summary>
    public sealed class MaxPool2d : ILayer
    {
        private int[] argMax = Array.Empty<int>();

        public MaxPool2d(string name, Shape input)
        {
            Name = name;
            InputShape = input;
            OutputShape = new Shape(input.Channels, input.Height / 2, input.Width / 2);
        }

        public string Name { get; }

        public LayerKind Kind => LayerKind.Pooling;

        public Shape InputShape { get; }

        public Shape OutputShape { get; }

        public IReadOnlyList<Parameter> Parameters => Array.Empty<Parameter>();

        public bool Training { get; set; } = true;

        public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
        {
            int planes = batch * InputShape.Channels;
            int inWidth = InputShape.Width, inPlane = InputShape.Height * inWidth;
            int outHeight = OutputShape.Height, outWidth = OutputShape.Width, outPlane = outHeight * outWidth;
            if (argMax.Length < planes * outPlane)
            {
                argMax = new int[planes * outPlane];
            }

            for (int p = 0; p < planes; p++)
            {
                for (int y = 0; y < outHeight; y++)
                {
                    for (int x = 0; x < outWidth; x++)
                    {
                        int top = p * inPlane + 2 * y * inWidth + 2 * x;
                        int best = top;
                        if (input[top + 1] > input[best])
                        {
                            best = top + 1;
                        }

                        if (input[top + inWidth] > input[best])
                        {
                            best = top + inWidth;
                        }

                        if (input[top + inWidth + 1] > input[best])
                        {
                            best = top + inWidth + 1;
                        }

                        int o = p * outPlane + y * outWidth + x;
                        output[o] = input[best];
                        argMax[o] = best;
                    }
                }
            }
        }

        public void Backward(ReadOnlySpan<float> input, ReadOnlySpan<float> output, ReadOnlySpan<float> outputGrad, Span<float> inputGrad, int batch)
        {
            if (inputGrad.IsEmpty)
            {
                return;
            }

            inputGrad.Slice(0, batch * InputShape.Size).Clear();
            int count = batch * OutputShape.Size;
            for (int o = 0; o < count; o++)
            {
                inputGrad[argMax[o]] += outputGrad[o];
            }
        }

        public void ZeroGrad()
        {
        }
    }
}
