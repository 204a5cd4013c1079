using System;

namespace NormGen.Benchmarks.Baselines;

/// <summary>
/// The plain scalar layer, written as a user would: the training forward is a pass for the means, a pass for the
/// variances and a pass that normalises, each in memory order with one double accumulator per statistic; the backward
/// a pass for the sums (per statistic sum(g) and sum(g * xhat) with g = dy * weight, per weight sum(dy * xhat) and
/// sum(dy)) and a pass for the input gradient.
/// </summary>
internal sealed class ScalarTwoPass(StatisticsView view) : IHandWrittenLayer
{
    public void ForwardTrain(ReadOnlySpan<float> x, Span<float> y)
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

        Apply(x, y);
        view.UpdateRunningStatistics();
    }

    public void ForwardEval(ReadOnlySpan<float> x, Span<float> y)
    {
        if (view.LoadRunningStatistics())
            Apply(x, y);
        else
            ForwardTrain(x, y);
    }

    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int pCount = view.P, qCount = view.Q, rCount = view.R;
        double[] sumG = view.Sums, sumGXhat = view.SecondSums;
        Array.Clear(sumG);
        Array.Clear(sumGXhat);
        for (int p = 0; p < pCount; p++)
            for (int q = 0; q < qCount; q++)
            {
                int start = (p * qCount + q) * rCount;
                float mean = view.Mean[q], invStd = view.InvStd[q];
                for (int r = 0; r < rCount; r++)
                {
                    int c = view.WeightIndex(q, r);
                    float xhat = (x[start + r] - mean) * invStd;
                    float g = dy[start + r] * view.Weight[c];
                    sumG[q] += g;
                    sumGXhat[q] += g * xhat;
                    view.WeightGrad[c] += dy[start + r] * xhat;
                    view.BiasGrad[c] += dy[start + r];
                }
            }

        for (int p = 0; p < pCount; p++)
            for (int q = 0; q < qCount; q++)
            {
                int start = (p * qCount + q) * rCount;
                float mean = view.Mean[q], invStd = view.InvStd[q];
                float meanG = (float)(sumG[q] / view.Count), meanGXhat = (float)(sumGXhat[q] / view.Count);
                for (int r = 0; r < rCount; r++)
                {
                    float xhat = (x[start + r] - mean) * invStd;
                    float g = dy[start + r] * view.Weight[view.WeightIndex(q, r)];
                    dx[start + r] = invStd * (g - meanG - xhat * meanGXhat);
                }
            }
    }

    private void Apply(ReadOnlySpan<float> x, Span<float> y)
    {
        int pCount = view.P, qCount = view.Q, rCount = view.R;
        for (int p = 0; p < pCount; p++)
            for (int q = 0; q < qCount; q++)
            {
                int start = (p * qCount + q) * rCount;
                float mean = view.Mean[q], invStd = view.InvStd[q];
                for (int r = 0; r < rCount; r++)
                {
                    int c = view.WeightIndex(q, r);
                    y[start + r] = (x[start + r] - mean) * invStd * view.Weight[c] + view.Bias[c];
                }
            }
    }
}
