using System;
using System.Numerics;

namespace NormGen.Benchmarks.Baselines;

/// <summary>
/// The straightforward <see cref="Vector{T}"/> forward in training mode: a sum pass, a variance pass around the mean
/// and an apply pass, vectorised along r when rows are long and across statistics when R is 1 (channels-last).
/// </summary>
internal static class VectorTwoPass
{
    public static void ForwardTrain(StatisticsView view, ReadOnlySpan<float> x, Span<float> y)
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
        for (int p = 0; p < pCount; p++)
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
}
