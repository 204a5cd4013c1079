using System;

namespace NormGen.Benchmarks.Baselines;

/// <summary>
/// The plain scalar forward in training mode, written as a user would: a pass for the means, a pass for the
/// variances, a pass that normalises, each in memory order with one double accumulator per statistic.
/// </summary>
internal static class ScalarTwoPass
{
    public static void ForwardTrain(StatisticsView view, ReadOnlySpan<float> x, Span<float> y)
    {
        int pCount = view.P, qCount = view.Q, rCount = view.R;
        double[] sums = view.Sums;

        Array.Clear(sums);
        for (int p = 0; p < pCount; p++)
            for (int q = 0; q < qCount; q++)
            {
                int start = (p * qCount + q) * rCount;
                for (int r = 0; r < rCount; r++)
                    sums[q] += x[start + r];
            }

        for (int q = 0; q < qCount; q++)
            view.Mean[q] = (float)(sums[q] / view.Count);

        Array.Clear(sums);
        for (int p = 0; p < pCount; p++)
            for (int q = 0; q < qCount; q++)
            {
                int start = (p * qCount + q) * rCount;
                float mean = view.Mean[q];
                for (int r = 0; r < rCount; r++)
                {
                    float d = x[start + r] - mean;
                    sums[q] += d * d;
                }
            }

        for (int q = 0; q < qCount; q++)
            view.InvStd[q] = 1f / MathF.Sqrt((float)(sums[q] / view.Count) + view.Epsilon);

        Apply(view, x, y);
        view.UpdateRunningStatistics();
    }

    private static void Apply(StatisticsView view, ReadOnlySpan<float> x, Span<float> y)
    {
        int pCount = view.P, qCount = view.Q, rCount = view.R;
        for (int p = 0; p < pCount; p++)
            for (int q = 0; q < qCount; q++)
            {
                int start = (p * qCount + q) * rCount;
                float mean = view.Mean[q], invStd = view.InvStd[q];
                for (int r = 0; r < rCount; r++)
                {
                    int c = view.AffinePerR ? r : q % view.Channels;
                    y[start + r] = (x[start + r] - mean) * invStd * view.Weight[c] + view.Bias[c];
                }
            }
    }
}
