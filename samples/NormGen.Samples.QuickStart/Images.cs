using System;

namespace NormGen.Samples.QuickStart
{
    /// <summary>Makes a batch of synthetic 4-channel images whose channels have very different brightness and contrast,
    /// as raw sensor data does, and a regression target per image.</summary>
    internal static class Images
    {
        public const int Channels = 4;
        public const int Size = 8;

        private static readonly float[] ChannelOffset = { 120f, -3f, 0.5f, 40f };
        private static readonly float[] ChannelScale = { 30f, 0.2f, 5f, 1f };

        public static float[] Batch(Random random, int batch, float[] targets)
        {
            var pixels = new float[batch * Channels * Size * Size];
            for (int n = 0; n < batch; n++)
            {
                // Each image has its own "exposure" per channel; the target depends on two of them.
                var exposure = new float[Channels];
                for (int c = 0; c < Channels; c++)
                {
                    exposure[c] = (float)(random.NextDouble() * 2 - 1);
                }

                targets[n] = exposure[0] - 0.5f * exposure[3];
                for (int c = 0; c < Channels; c++)
                {
                    for (int p = 0; p < Size * Size; p++)
                    {
                        float noise = (float)(random.NextDouble() - 0.5);
                        pixels[(((n * Channels) + c) * Size * Size) + p] = ChannelOffset[c] + ChannelScale[c] * (exposure[c] + 0.3f * noise);
                    }
                }
            }

            return pixels;
        }
    }
}
