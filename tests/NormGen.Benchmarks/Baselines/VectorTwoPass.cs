using System;
using System.Numerics;

namespace NormGen.Benchmarks.Baselines;

/// <summary>
/// The straightforward <see cref="Vector{T}"/> layer: the training forward is a sum pass, a variance pass around the
/// mean and an apply pass; the backward a pass for the sums and a pass for the input gradient. Each is vectorised
/// along r when rows are long and across statistics when R is 1 (channels-last).
/// </summary>
internal sealed class VectorTwoPass(StatisticsView view) : IHandWrittenLayer
{
    public void ForwardTrain(ReadOnlySpan<float> x, Span<float> y)
    {
        if (view.R == 1)
        {
            AcrossStatistics(view, x, y);
        }
        else
        {
            AlongRows(view, x, y);
        }

        view.UpdateRunningStatistics();
    }

    public void ForwardEval(ReadOnlySpan<float> x, Span<float> y)
    {
        if (!view.LoadRunningStatistics())
        {
            ForwardTrain(x, y);
            return;
        }

        view.PrepareScaleShift();
        if (view.R == 1)
            ApplyRows(view, x, y);
        else
            ApplyAlongRows(view, x, y);
    }

    public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        if (view.R == 1)
            BackwardAcrossStatistics(view, x, dy, dx);
        else
            BackwardAlongRows(view, x, dy, dx);
    }

    private static void AlongRows(StatisticsView view, ReadOnlySpan<float> x, Span<float> y)
    {
        int width = Vector<float>.Count;
        int pCount = view.P, qCount = view.Q, rCount = view.R;
        double[] sums = view.Sums;

        Array.Clear(sums);
        for (int p = 0; p < pCount; p++)
            for (int q = 0; q < qCount; q++)
            {
                ReadOnlySpan<float> row = x.Slice((p * qCount + q) * rCount, rCount);
                var acc = Vector<float>.Zero;
                int r = 0;
                for (; r <= rCount - width; r += width)
                    acc += new Vector<float>(row.Slice(r));
                float sum = Vector.Sum(acc);
                for (; r < rCount; r++)
                    sum += row[r];
                sums[q] += sum;
            }

        for (int q = 0; q < qCount; q++)
            view.Mean[q] = (float)(sums[q] / view.Count);

        Array.Clear(sums);
        for (int p = 0; p < pCount; p++)
            for (int q = 0; q < qCount; q++)
            {
                ReadOnlySpan<float> row = x.Slice((p * qCount + q) * rCount, rCount);
                float mean = view.Mean[q];
                var meanV = new Vector<float>(mean);
                var acc = Vector<float>.Zero;
                int r = 0;
                for (; r <= rCount - width; r += width)
                {
                    var d = new Vector<float>(row.Slice(r)) - meanV;
                    acc += d * d;
                }

                float sum = Vector.Sum(acc);
                for (; r < rCount; r++)
                    sum += (row[r] - mean) * (row[r] - mean);
                sums[q] += sum;
            }

        for (int q = 0; q < qCount; q++)
            view.InvStd[q] = 1f / MathF.Sqrt((float)(sums[q] / view.Count) + view.Epsilon);

        view.PrepareScaleShift();
        ApplyAlongRows(view, x, y);
    }

    private static void ApplyAlongRows(StatisticsView view, ReadOnlySpan<float> x, Span<float> y)
    {
        int pCount = view.P, qCount = view.Q, rCount = view.R;
        for (int p = 0; p < pCount; p++)
            for (int q = 0; q < qCount; q++)
            {
                int start = (p * qCount + q) * rCount;
                ReadOnlySpan<float> row = x.Slice(start, rCount);
                Span<float> outRow = y.Slice(start, rCount);
                if (view.AffinePerR)
                    ApplyElementwise(view, q, row, outRow);
                else
                    ApplyScaleShift(view.Scale[q], view.Shift[q], row, outRow);
            }
    }

    private static void ApplyScaleShift(float scale, float shift, ReadOnlySpan<float> row, Span<float> outRow)
    {
        int width = Vector<float>.Count;
        var scaleV = new Vector<float>(scale);
        var shiftV = new Vector<float>(shift);
        int r = 0;
        for (; r <= row.Length - width; r += width)
            (new Vector<float>(row.Slice(r)) * scaleV + shiftV).CopyTo(outRow.Slice(r));
        for (; r < row.Length; r++)
            outRow[r] = row[r] * scale + shift;
    }

    private static void ApplyElementwise(StatisticsView view, int q, ReadOnlySpan<float> row, Span<float> outRow)
    {
        int width = Vector<float>.Count;
        float mean = view.Mean[q], invStd = view.InvStd[q];
        var meanV = new Vector<float>(mean);
        var invStdV = new Vector<float>(invStd);
        int r = 0;
        for (; r <= row.Length - width; r += width)
        {
            var normalized = (new Vector<float>(row.Slice(r)) - meanV) * invStdV;
            (normalized * new Vector<float>(view.Weight, r) + new Vector<float>(view.Bias, r)).CopyTo(outRow.Slice(r));
        }

        for (; r < row.Length; r++)
            outRow[r] = (row[r] - mean) * invStd * view.Weight[r] + view.Bias[r];
    }

    // R == 1: each p is a row of Q statistics, so the accumulators are a row of Q floats updated a vector at a time.
    private static void AcrossStatistics(StatisticsView view, ReadOnlySpan<float> x, Span<float> y)
    {
        int pCount = view.P, qCount = view.Q;
        float[] sums = view.VectorSums;

        Array.Clear(sums);
        for (int p = 0; p < pCount; p++)
            AddRow(x.Slice(p * qCount, qCount), sums);
        for (int q = 0; q < qCount; q++)
            view.Mean[q] = sums[q] / view.Count;

        Array.Clear(sums);
        for (int p = 0; p < pCount; p++)
            AddSquaredDeviations(x.Slice(p * qCount, qCount), view.Mean, sums);
        for (int q = 0; q < qCount; q++)
            view.InvStd[q] = 1f / MathF.Sqrt(sums[q] / view.Count + view.Epsilon);

        view.PrepareScaleShift();
        ApplyRows(view, x, y);
    }

    private static void ApplyRows(StatisticsView view, ReadOnlySpan<float> x, Span<float> y)
    {
        int qCount = view.Q;
        for (int p = 0; p < view.P; p++)
            ApplyRow(x.Slice(p * qCount, qCount), y.Slice(p * qCount, qCount), view.Scale, view.Shift);
    }

    private static void AddRow(ReadOnlySpan<float> row, float[] sums)
    {
        int width = Vector<float>.Count;
        int q = 0;
        for (; q <= row.Length - width; q += width)
            (new Vector<float>(sums, q) + new Vector<float>(row.Slice(q))).CopyTo(sums, q);
        for (; q < row.Length; q++)
            sums[q] += row[q];
    }

    private static void AddSquaredDeviations(ReadOnlySpan<float> row, float[] mean, float[] sums)
    {
        int width = Vector<float>.Count;
        int q = 0;
        for (; q <= row.Length - width; q += width)
        {
            var d = new Vector<float>(row.Slice(q)) - new Vector<float>(mean, q);
            (new Vector<float>(sums, q) + d * d).CopyTo(sums, q);
        }

        for (; q < row.Length; q++)
            sums[q] += (row[q] - mean[q]) * (row[q] - mean[q]);
    }

    private static void ApplyRow(ReadOnlySpan<float> row, Span<float> outRow, float[] scale, float[] shift)
    {
        int width = Vector<float>.Count;
        int q = 0;
        for (; q <= row.Length - width; q += width)
            (new Vector<float>(row.Slice(q)) * new Vector<float>(scale, q) + new Vector<float>(shift, q)).CopyTo(outRow.Slice(q));
        for (; q < row.Length; q++)
            outRow[q] = row[q] * scale[q] + shift[q];
    }

    // Rows of R values: per row, vector sums of g and g * xhat (a weight per row, or per element for LayerNorm), then
    // dx = invStd * (g - mean(g) - xhat * mean(g * xhat)) row by row.
    private static void BackwardAlongRows(StatisticsView view, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int width = Vector<float>.Count;
        int pCount = view.P, qCount = view.Q, rCount = view.R;
        float[] sumG = view.VectorSums, sumGXhat = view.SecondVectorSums;
        Array.Clear(sumG);
        Array.Clear(sumGXhat);
        for (int p = 0; p < pCount; p++)
            for (int q = 0; q < qCount; q++)
            {
                int start = (p * qCount + q) * rCount;
                ReadOnlySpan<float> row = x.Slice(start, rCount), gradRow = dy.Slice(start, rCount);
                float mean = view.Mean[q], invStd = view.InvStd[q];
                var meanV = new Vector<float>(mean);
                var invStdV = new Vector<float>(invStd);
                var sumAcc = Vector<float>.Zero;
                var xhatAcc = Vector<float>.Zero;
                int r = 0;
                if (view.AffinePerR)
                {
                    for (; r <= rCount - width; r += width)
                    {
                        var xhat = (new Vector<float>(row.Slice(r)) - meanV) * invStdV;
                        var d = new Vector<float>(gradRow.Slice(r));
                        var g = d * new Vector<float>(view.Weight, r);
                        sumAcc += g;
                        xhatAcc += g * xhat;
                        (new Vector<float>(view.WeightGrad, r) + d * xhat).CopyTo(view.WeightGrad, r);
                        (new Vector<float>(view.BiasGrad, r) + d).CopyTo(view.BiasGrad, r);
                    }

                    float gSum = Vector.Sum(sumAcc), gXhatSum = Vector.Sum(xhatAcc);
                    for (; r < rCount; r++)
                    {
                        float xhat = (row[r] - mean) * invStd;
                        float g = gradRow[r] * view.Weight[r];
                        gSum += g;
                        gXhatSum += g * xhat;
                        view.WeightGrad[r] += gradRow[r] * xhat;
                        view.BiasGrad[r] += gradRow[r];
                    }

                    sumG[q] += gSum;
                    sumGXhat[q] += gXhatSum;
                }
                else
                {
                    for (; r <= rCount - width; r += width)
                    {
                        var d = new Vector<float>(gradRow.Slice(r));
                        sumAcc += d;
                        xhatAcc += d * ((new Vector<float>(row.Slice(r)) - meanV) * invStdV);
                    }

                    float dySum = Vector.Sum(sumAcc), dyXhatSum = Vector.Sum(xhatAcc);
                    for (; r < rCount; r++)
                    {
                        dySum += gradRow[r];
                        dyXhatSum += gradRow[r] * ((row[r] - mean) * invStd);
                    }

                    int c = q % view.Channels;
                    sumG[q] += view.Weight[c] * dySum;
                    sumGXhat[q] += view.Weight[c] * dyXhatSum;
                    view.WeightGrad[c] += dyXhatSum;
                    view.BiasGrad[c] += dySum;
                }
            }

        for (int p = 0; p < pCount; p++)
            for (int q = 0; q < qCount; q++)
            {
                int start = (p * qCount + q) * rCount;
                ReadOnlySpan<float> row = x.Slice(start, rCount), gradRow = dy.Slice(start, rCount);
                Span<float> outRow = dx.Slice(start, rCount);
                float mean = view.Mean[q], invStd = view.InvStd[q];
                float meanG = sumG[q] / view.Count, meanGXhat = sumGXhat[q] / view.Count;
                var meanV = new Vector<float>(mean);
                var invStdV = new Vector<float>(invStd);
                var meanGV = new Vector<float>(meanG);
                var meanGXhatV = new Vector<float>(meanGXhat);
                float w = view.AffinePerR ? 0f : view.Weight[q % view.Channels];
                var wV = new Vector<float>(w);
                int r = 0;
                for (; r <= rCount - width; r += width)
                {
                    var xhat = (new Vector<float>(row.Slice(r)) - meanV) * invStdV;
                    var g = new Vector<float>(gradRow.Slice(r)) * (view.AffinePerR ? new Vector<float>(view.Weight, r) : wV);
                    (invStdV * (g - meanGV - xhat * meanGXhatV)).CopyTo(outRow.Slice(r));
                }

                for (; r < rCount; r++)
                {
                    float xhat = (row[r] - mean) * invStd;
                    float g = gradRow[r] * (view.AffinePerR ? view.Weight[r] : w);
                    outRow[r] = invStd * (g - meanG - xhat * meanGXhat);
                }
            }
    }

    // R == 1: rows of Q statistics (one per channel), so the sums are rows of Q floats updated a vector at a time.
    private static void BackwardAcrossStatistics(StatisticsView view, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int width = Vector<float>.Count;
        int pCount = view.P, qCount = view.Q;
        if (view.Channels != qCount)
            throw new InvalidOperationException($"Rows of {qCount} statistics need a weight per statistic ({view.Channels} channels).");
        float[] dySums = view.VectorSums, dyXhatSums = view.SecondVectorSums;
        Array.Clear(dySums);
        Array.Clear(dyXhatSums);
        for (int p = 0; p < pCount; p++)
        {
            ReadOnlySpan<float> row = x.Slice(p * qCount, qCount), gradRow = dy.Slice(p * qCount, qCount);
            int q = 0;
            for (; q <= qCount - width; q += width)
            {
                var d = new Vector<float>(gradRow.Slice(q));
                var xhat = (new Vector<float>(row.Slice(q)) - new Vector<float>(view.Mean, q)) * new Vector<float>(view.InvStd, q);
                (new Vector<float>(dySums, q) + d).CopyTo(dySums, q);
                (new Vector<float>(dyXhatSums, q) + d * xhat).CopyTo(dyXhatSums, q);
            }

            for (; q < qCount; q++)
            {
                dySums[q] += gradRow[q];
                dyXhatSums[q] += gradRow[q] * ((row[q] - view.Mean[q]) * view.InvStd[q]);
            }
        }

        // Per statistic: mean(g) into Scale, mean(g * xhat) into Shift; the parameter gradients.
        for (int q = 0; q < qCount; q++)
        {
            view.Scale[q] = view.Weight[q] * dySums[q] / view.Count;
            view.Shift[q] = view.Weight[q] * dyXhatSums[q] / view.Count;
            view.WeightGrad[q] += dyXhatSums[q];
            view.BiasGrad[q] += dySums[q];
        }

        for (int p = 0; p < pCount; p++)
        {
            ReadOnlySpan<float> row = x.Slice(p * qCount, qCount), gradRow = dy.Slice(p * qCount, qCount);
            Span<float> outRow = dx.Slice(p * qCount, qCount);
            int q = 0;
            for (; q <= qCount - width; q += width)
            {
                var invStd = new Vector<float>(view.InvStd, q);
                var xhat = (new Vector<float>(row.Slice(q)) - new Vector<float>(view.Mean, q)) * invStd;
                var g = new Vector<float>(gradRow.Slice(q)) * new Vector<float>(view.Weight, q);
                (invStd * (g - new Vector<float>(view.Scale, q) - xhat * new Vector<float>(view.Shift, q))).CopyTo(outRow.Slice(q));
            }

            for (; q < qCount; q++)
            {
                float xhat = (row[q] - view.Mean[q]) * view.InvStd[q];
                outRow[q] = view.InvStd[q] * (gradRow[q] * view.Weight[q] - view.Scale[q] - xhat * view.Shift[q]);
            }
        }
    }
}
