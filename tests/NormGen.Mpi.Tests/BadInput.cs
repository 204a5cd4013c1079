using System;
using System.Linq;
using NormGen.Distributed;

namespace NormGen.Mpi.Tests
{
    /// <summary>Bad input across ranks: every rank must get the same clear exception, and nothing may be written.</summary>
    internal static class BadInput
    {
        /// <summary>Rank 0 holds one sample of a BatchNorm1d, the others none: one value per channel over all ranks.</summary>
        public static void SingleValue(ICollective world)
        {
            var layer = new FeaturesFloat();
            int batch = world.Rank == 0 ? 1 : 0;
            var x = Enumerable.Repeat(2f, batch * 3).ToArray();
            var y = Enumerable.Repeat(-7f, batch * 3).ToArray();
            try
            {
                layer.ForwardSynchronized(x, y, world, batch);
            }
            catch (ArgumentException e) when (e.Message.Contains("more than 1 value per statistic", StringComparison.Ordinal))
            {
                if (y.Any(v => v != -7f) || layer.RunningMean.Any(v => v != 0f) || layer.RunningVar.Any(v => v != 1f) || layer.NumBatchesTracked != 0)
                {
                    throw new InvalidOperationException("The call threw but wrote its output or running statistics.");
                }

                return;
            }

            throw new InvalidOperationException("ForwardSynchronized with one value per channel over all ranks did not throw.");
        }

        /// <summary>Odd ranks construct the layer with 5 channels, even ranks with 4.</summary>
        public static void ChannelMismatch(ICollective world)
        {
            if (world.Size < 2)
            {
                throw new InvalidOperationException("This check needs at least 2 ranks.");
            }

            int channels = 4 + world.Rank % 2;
            var layer = new ConstructedFloat(channels);
            var x = Enumerable.Range(0, 2 * channels * 9).Select(i => (float)(i % 7)).ToArray();
            var y = new float[x.Length];
            try
            {
                layer.ForwardSynchronized(x, y, world, 2, 3, 3);
            }
            catch (InvalidOperationException e) when (e.Message.Contains("differ across ranks", StringComparison.Ordinal))
            {
                return;
            }

            throw new InvalidOperationException("ForwardSynchronized with different channel counts on different ranks did not throw.");
        }
    }
}
