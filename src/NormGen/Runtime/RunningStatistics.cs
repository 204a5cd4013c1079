using System;
using System.ComponentModel;
using System.Numerics;

namespace NormGen.Runtime
{
    /// <summary>The running statistics of generated layers whose running estimates index as their batch statistics:
    /// the update after a training Forward, and the load into a call's buffers for eval mode.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class RunningStatistics
    {
        /// <summary>running = (1 - momentum) * running + momentum * batch for the first <paramref name="count"/>
        /// statistics, in double and rounded to <typeparamref name="T"/> once, the variance unbiased: the buffers' <c>Sum</c>
        /// holds each statistic's sum of squared deviations, divided by <paramref name="unbiased"/> (values per statistic - 1).
        /// Returns the batches tracked with this one, <paramref name="batchesTracked"/> + 1; a null
        /// <paramref name="momentum"/> is the cumulative average, 1 / that.</summary>
        public static long Update<T>(
            StatisticBuffers<T> buffers, T[] runningMean, T[] runningVar, int count, long batchesTracked, double? momentum, double unbiased)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            long tracked = batchesTracked + 1;
            double rate = momentum ?? 1d / tracked;
            ReadOnlySpan<T> mean = buffers.Mean.AsSpan(0, count), sum = buffers.Sum.AsSpan(0, count);
            Span<T> runMean = runningMean.AsSpan(0, count), runVar = runningVar.AsSpan(0, count);
            for (int r = 0; r < count; r++)
            {
                runMean[r] = T.CreateTruncating((1d - rate) * double.CreateTruncating(runMean[r]) + rate * double.CreateTruncating(mean[r]));
                runVar[r] = T.CreateTruncating((1d - rate) * double.CreateTruncating(runVar[r]) + rate * (double.CreateTruncating(sum[r]) / unbiased));
            }

            return tracked;
        }

        /// <summary>The buffers' <c>Mean</c> and <c>InvStd</c> from the running estimates, 1 / sqrt(runningVar + epsilon),
        /// for the first <paramref name="count"/> statistics.</summary>
        public static void Load<T>(StatisticBuffers<T> buffers, T[] runningMean, T[] runningVar, int count, T epsilon)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            ReadOnlySpan<T> runVar = runningVar.AsSpan(0, count);
            Span<T> invStd = buffers.InvStd.AsSpan(0, count);
            runningMean.AsSpan(0, count).CopyTo(buffers.Mean);
            for (int r = 0; r < count; r++)
            {
                invStd[r] = T.One / T.Sqrt(runVar[r] + epsilon);
            }
        }
    }
}
