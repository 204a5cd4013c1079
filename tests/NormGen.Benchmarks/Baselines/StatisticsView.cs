using System;

namespace NormGen.Benchmarks.Baselines;

/// <summary>
/// A normalisation seen as P × Q × R: element (p, q, r) sits at (p * Q + q) * R + r and belongs to statistic q. This
/// covers BatchNorm NCHW (P = N, Q = C, R = H·W), BatchNorm NHWC and BatchNorm1d (P = rows, Q = C, R = 1), LayerNorm
/// (P = 1, Q = rows, R = features) and InstanceNorm NCHW (P = 1, Q = N·C, R = H·W). The scratch arrays are allocated
/// once, here, so the baselines allocate nothing per call either.
/// </summary>
internal sealed class StatisticsView
{
    private StatisticsView(int p, int q, int r, int channels, bool affinePerR, bool runningStatistics)
    {
        P = p;
        Q = q;
        R = r;
        Channels = channels;
        AffinePerR = affinePerR;
        int parameters = affinePerR ? r : channels;
        Weight = new float[parameters];
        Bias = new float[parameters];
        Array.Fill(Weight, 1f);
        if (runningStatistics)
        {
            RunningMean = new float[q];
            RunningVar = new float[q];
            Array.Fill(RunningVar, 1f);
        }

        WeightGrad = new float[parameters];
        BiasGrad = new float[parameters];
        Mean = new float[q];
        InvStd = new float[q];
        Scale = new float[q];
        Shift = new float[q];
        Sums = new double[q];
        SecondSums = new double[q];
        VectorSums = new float[q];
        SecondVectorSums = new float[q];
    }

    /// <summary>Statistics per q with a weight per channel q % <paramref name="channels"/> (BatchNorm, InstanceNorm).</summary>
    public static StatisticsView PerChannel(int p, int q, int r, int channels, bool runningStatistics) =>
        new(p, q, r, channels, affinePerR: false, runningStatistics);

    /// <summary>Statistics per q with an element-wise weight over r (LayerNorm).</summary>
    public static StatisticsView ElementwiseAffine(int q, int r) =>
        new(1, q, r, r, affinePerR: true, runningStatistics: false);

    public int P { get; }

    public int Q { get; }

    public int R { get; }

    public int Channels { get; }

    public bool AffinePerR { get; }

    public int Count => P * R;

    public float Epsilon => 1e-5f;

    public float Momentum => 0.1f;

    public float[] Weight { get; }

    public float[] Bias { get; }

    public float[] WeightGrad { get; }

    public float[] BiasGrad { get; }

    public float[]? RunningMean { get; }

    public float[]? RunningVar { get; }

    public float[] Mean { get; }

    public float[] InvStd { get; }

    public float[] Scale { get; }

    public float[] Shift { get; }

    public double[] Sums { get; }

    public double[] SecondSums { get; }

    public float[] VectorSums { get; }

    public float[] SecondVectorSums { get; }

    /// <summary>The scalar and the vector layer over this view (they share its arrays, so run one at a time).</summary>
    public (IHandWrittenLayer Scalar, IHandWrittenLayer Vector) Baselines() => (new ScalarTwoPass(this), new VectorTwoPass(this));

    /// <summary>The weight of element r of statistic q.</summary>
    public int WeightIndex(int q, int r) => AffinePerR ? r : q % Channels;

    /// <summary>Eval mode with running statistics: Mean and InvStd from them. False (nothing done) when the layer has
    /// none, and eval normalises with batch statistics.</summary>
    public bool LoadRunningStatistics()
    {
        if (RunningMean is null || RunningVar is null)
            return false;
        for (int q = 0; q < Q; q++)
        {
            Mean[q] = RunningMean[q];
            InvStd[q] = 1f / MathF.Sqrt(RunningVar[q] + Epsilon);
        }

        return true;
    }

    /// <summary>Per statistic: y = x * Scale + Shift, where Scale = invStd * weight and Shift = bias - mean * Scale.</summary>
    public void PrepareScaleShift()
    {
        for (int q = 0; q < Q; q++)
        {
            int c = q % Channels;
            Scale[q] = InvStd[q] * Weight[c];
            Shift[q] = Bias[c] - Mean[q] * Scale[q];
        }
    }

    /// <summary>running = (1 - m) * running + m * batch, with the unbiased batch variance (BatchNorm only).</summary>
    public void UpdateRunningStatistics()
    {
        if (RunningMean is null || RunningVar is null)
            return;
        float unbiased = (float)Count / (Count - 1);
        for (int q = 0; q < Q; q++)
        {
            float variance = 1f / (InvStd[q] * InvStd[q]) - Epsilon;
            RunningMean[q] = (1 - Momentum) * RunningMean[q] + Momentum * Mean[q];
            RunningVar[q] = (1 - Momentum) * RunningVar[q] + Momentum * variance * unbiased;
        }
    }
}
