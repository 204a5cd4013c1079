using System;

namespace NormGen.Samples.FashionMnist.Nn
{
    /// <summary>PyTorch's default for Conv2d and Linear: weights and biases uniform in ±1/√fan_in.</summary>
    public static class Initialization
    {
        public static void Uniform(Span<float> values, int fanIn, Random random)
        {
            float bound = 1f / MathF.Sqrt(fanIn);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = (float)((random.NextDouble() * 2 - 1) * bound);
            }
        }
    }
}
