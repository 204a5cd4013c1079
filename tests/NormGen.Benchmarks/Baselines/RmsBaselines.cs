using System;
using System.Numerics;

namespace NormGen.Benchmarks.Baselines;

/// <summary>
/// RMSNorm over rows of <c>features</c> values with an element-wise weight, written by hand: per row
/// invRms = 1 / sqrt(mean(x²) + eps), y = x · invRms · w; backward dx = invRms · (g − x̂ · mean(g · x̂)), g = dy · w,
/// x̂ = x · invRms, dw += dy · x̂. No running statistics, so the eval forward is the training forward. The inverse
/// RMS of every row is kept for the backward, as the layer keeps it.
/// </summary>
internal abstract class RmsBaseline(int rows, int features) : IHandWrittenLayer
{
    /// <summary>PyTorch's default for RMSNorm on float: the machine epsilon, 2^-23.</summary>
    protected const float Epsilon = 1.1920929E-07f;

    protected int Rows { get; } = rows;

    protected int Features { get; } = features;

    protected float[] Weight { get; } = Filled(features, 1f);

    protected float[] WeightGrad { get; } = new float[features];

    protected float[] InvRms { get; } = new float[rows];

    public abstract void ForwardTrain(ReadOnlySpan<float> x, Span<float> y);

    public void ForwardEval(ReadOnlySpan<float> x, Span<float> y) => ForwardTrain(x, y);

    public abstract void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx);

    private static float[] Filled(int count, float value)
    {
        var values = new float[count];
        Array.Fill(values, value);
        return values;
    }
}

/// <summary>The loops a user would write: a sum of squares pass (double accumulator) and an apply pass per row.</summary>
internal sealed class ScalarRms(int rows, int features) : RmsBaseline(rows, features)
{
    public override void ForwardTrain(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int row = 0; row < Rows; row++)
        {
            ReadOnlySpan<float> values = x.Slice(row * Features, Features);
            double squares = 0;
            for (int i = 0; i < Features; i++)
                squares += values[i] * values[i];
            float invRms = 1f / MathF.Sqrt((float)(squares / Features) + Epsilon);
            InvRms[row] = invRms;
            Span<float> output = y.Slice(row * Features, Features);
            for (int i = 0; i < Features; i++)
                output[i] = values[i] * invRms * Weight[i];
        }
    }

    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int row = 0; row < Rows; row++)
        {
            ReadOnlySpan<float> values = x.Slice(row * Features, Features);
            ReadOnlySpan<float> grads = dy.Slice(row * Features, Features);
            float invRms = InvRms[row];
            double gXhat = 0;
            for (int i = 0; i < Features; i++)
            {
                float xhat = values[i] * invRms;
                gXhat += grads[i] * Weight[i] * xhat;
                WeightGrad[i] += grads[i] * xhat;
            }

            float meanGXhat = (float)(gXhat / Features);
            Span<float> output = dx.Slice(row * Features, Features);
            for (int i = 0; i < Features; i++)
                output[i] = invRms * (grads[i] * Weight[i] - values[i] * invRms * meanGXhat);
        }
    }
}

/// <summary>The same passes with <see cref="Vector{T}"/> along each row (float accumulators).</summary>
internal sealed class VectorRms(int rows, int features) : RmsBaseline(rows, features)
{
    public override void ForwardTrain(ReadOnlySpan<float> x, Span<float> y)
    {
        int width = Vector<float>.Count;
        for (int row = 0; row < Rows; row++)
        {
            ReadOnlySpan<float> values = x.Slice(row * Features, Features);
            var acc = Vector<float>.Zero;
            int i = 0;
            for (; i <= Features - width; i += width)
            {
                var v = new Vector<float>(values.Slice(i));
                acc += v * v;
            }

            float squares = Vector.Sum(acc);
            for (; i < Features; i++)
                squares += values[i] * values[i];
            float invRms = 1f / MathF.Sqrt(squares / Features + Epsilon);
            InvRms[row] = invRms;
            Span<float> output = y.Slice(row * Features, Features);
            var invV = new Vector<float>(invRms);
            i = 0;
            for (; i <= Features - width; i += width)
                (new Vector<float>(values.Slice(i)) * invV * new Vector<float>(Weight, i)).CopyTo(output.Slice(i));
            for (; i < Features; i++)
                output[i] = values[i] * invRms * Weight[i];
        }
    }

    public override void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int width = Vector<float>.Count;
        for (int row = 0; row < Rows; row++)
        {
            ReadOnlySpan<float> values = x.Slice(row * Features, Features);
            ReadOnlySpan<float> grads = dy.Slice(row * Features, Features);
            float invRms = InvRms[row];
            var invV = new Vector<float>(invRms);
            var acc = Vector<float>.Zero;
            int i = 0;
            for (; i <= Features - width; i += width)
            {
                var xhat = new Vector<float>(values.Slice(i)) * invV;
                var g = new Vector<float>(grads.Slice(i));
                acc += g * new Vector<float>(Weight, i) * xhat;
                (new Vector<float>(WeightGrad, i) + g * xhat).CopyTo(WeightGrad, i);
            }

            float gXhat = Vector.Sum(acc);
            for (; i < Features; i++)
            {
                float xhat = values[i] * invRms;
                gXhat += grads[i] * Weight[i] * xhat;
                WeightGrad[i] += grads[i] * xhat;
            }

            var meanV = new Vector<float>(gXhat / Features);
            Span<float> output = dx.Slice(row * Features, Features);
            i = 0;
            for (; i <= Features - width; i += width)
            {
                var xhat = new Vector<float>(values.Slice(i)) * invV;
                (invV * (new Vector<float>(grads.Slice(i)) * new Vector<float>(Weight, i) - xhat * meanV)).CopyTo(output.Slice(i));
            }

            for (; i < Features; i++)
                output[i] = invRms * (grads[i] * Weight[i] - values[i] * invRms * (gXhat / Features));
        }
    }
}
