using System;
using System.ComponentModel;

namespace NormGen.Runtime
{
    /// <summary>The running statistics of generated layers whose running estimates index as their batch statistics:
    /// the update after a training Forward, and the load into a call's buffers for eval mode.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class RunningStatistics
    {
        /// <summary>running = (1 - momentum) * running + momentum * batch for the first <paramref name="count"/>
        /// statistics, the variance unbiased: the buffers' <c>Sum</c> holds each statistic's sum of squared deviations,
        /// divided by <paramref name="unbiased"/> (values per statistic - 1). Returns the batches tracked with this one,
        /// <paramref name="batchesTracked"/> + 1; a null <paramref name="momentum"/> is the cumulative average, 1 / that.</summary>
        public static long Update(
            StatisticBuffers<float> buffers, float[] runningMean, float[] runningVar, int count, long batchesTracked, double? momentum, double unbiased)
        {
            long tracked = batchesTracked + 1;
            Update(buffers, runningMean, runningVar, count, momentum ?? 1d / tracked, unbiased);
            return tracked;
        }

        /// <inheritdoc cref="Update(StatisticBuffers{float}, float[], float[], int, long, double?, double)"/>
        public static long Update(
            StatisticBuffers<double> buffers, double[] runningMean, double[] runningVar, int count, long batchesTracked, double? momentum, double unbiased)
        {
            long tracked = batchesTracked + 1;
            Update(buffers, runningMean, runningVar, count, momentum ?? 1d / tracked, unbiased);
            return tracked;
        }

        private static void Update(StatisticBuffers<float> buffers, float[] runningMean, float[] runningVar, int count, double momentum, double unbiased)
        {
            ReadOnlySpan<float> mean = buffers.Mean.AsSpan(0, count), sum = buffers.Sum.AsSpan(0, count);
            Span<float> runMean = runningMean.AsSpan(0, count), runVar = runningVar.AsSpan(0, count);
            for (int r = 0; r < count; r++)
            {
                runMean[r] = (float)((1d - momentum) * runMean[r] + momentum * mean[r]);
                runVar[r] = (float)((1d - momentum) * runVar[r] + momentum * (sum[r] / unbiased));
            }
        }

        private static void Update(StatisticBuffers<double> buffers, double[] runningMean, double[] runningVar, int count, double momentum, double unbiased)
        {
            ReadOnlySpan<double> mean = buffers.Mean.AsSpan(0, count), sum = buffers.Sum.AsSpan(0, count);
            Span<double> runMean = runningMean.AsSpan(0, count), runVar = runningVar.AsSpan(0, count);
            for (int r = 0; r < count; r++)
            {
                runMean[r] = (1d - momentum) * runMean[r] + momentum * mean[r];
                runVar[r] = (1d - momentum) * runVar[r] + momentum * (sum[r] / unbiased);
            }
        }

        /// <summary>The buffers' <c>Mean</c> and <c>InvStd</c> from the running estimates, 1 / sqrt(runningVar + epsilon),
        /// for the first <paramref name="count"/> statistics.</summary>
        public static void Load(StatisticBuffers<float> buffers, float[] runningMean, float[] runningVar, int count, float epsilon)
        {
            ReadOnlySpan<float> runVar = runningVar.AsSpan(0, count);
            Span<float> invStd = buffers.InvStd.AsSpan(0, count);
            runningMean.AsSpan(0, count).CopyTo(buffers.Mean);
            for (int r = 0; r < count; r++)
            {
                invStd[r] = 1f / MathF.Sqrt(runVar[r] + epsilon);
            }
        }

        /// <inheritdoc cref="Load(StatisticBuffers{float}, float[], float[], int, float)"/>
        public static void Load(StatisticBuffers<double> buffers, double[] runningMean, double[] runningVar, int count, double epsilon)
        {
            ReadOnlySpan<double> runVar = runningVar.AsSpan(0, count);
            Span<double> invStd = buffers.InvStd.AsSpan(0, count);
            runningMean.AsSpan(0, count).CopyTo(buffers.Mean);
            for (int r = 0; r < count; r++)
            {
                invStd[r] = 1d / Math.Sqrt(runVar[r] + epsilon);
            }
        }
    }
}
