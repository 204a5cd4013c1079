using System;
using System.Numerics;

namespace NormGen.Benchmarks.Baselines;

/// <summary>
/// GroupNorm written by hand, per group, for NCHW and NHWC: statistic (n, g) covers the channels g·C/G .. (g+1)·C/G - 1
/// of sample n over every position, and γ, β are per channel, so the P × Q × R view does not fit it. NCHW keeps a
/// group's values contiguous; NHWC interleaves the groups in every position's row of C channels, so the vector version
/// accumulates per channel across positions and then adds the channels of each group. GroupNorm has no running
/// statistics, so its eval forward is its training forward (as PyTorch's).
/// </summary>
internal sealed class GroupNormBaseline
{
    private readonly int _batch, _channels, _groups, _positions;
    private readonly bool _channelsLast;
    private readonly float[] _weight, _bias, _weightGrad, _biasGrad;
    private readonly float[] _mean, _invStd;
    private readonly double[] _sums, _secondSums;
    private readonly float[] _channelSums, _channelMean, _scale, _shift;
    private readonly float[] _channelXhatSums, _channelInvStd, _channelMeanG, _channelMeanGXhat;

    public GroupNormBaseline(int batch, int channels, int groups, int positions, bool channelsLast)
    {
        // The channels-last vector passes step through a row of C channels a whole vector at a time.
        if (channelsLast && channels % Vector<float>.Count != 0)
            throw new ArgumentException($"Channels ({channels}) must be a multiple of Vector<float>.Count ({Vector<float>.Count}).", nameof(channels));
        (_batch, _channels, _groups, _positions, _channelsLast) = (batch, channels, groups, positions, channelsLast);
        _weight = new float[channels];
        Array.Fill(_weight, 1f);
        _bias = new float[channels];
        _weightGrad = new float[channels];
        _biasGrad = new float[channels];
        _mean = new float[batch * groups];
        _invStd = new float[batch * groups];
        _sums = new double[batch * groups];
        _secondSums = new double[batch * groups];
        _channelSums = new float[channels];
        _channelMean = new float[channels];
        _scale = new float[channels];
        _shift = new float[channels];
        _channelXhatSums = new float[channels];
        _channelInvStd = new float[channels];
        _channelMeanG = new float[channels];
        _channelMeanGXhat = new float[channels];
    }

    /// <summary>The scalar and the vector layer (they share this object's arrays, so run one at a time).</summary>
    public (IHandWrittenLayer Scalar, IHandWrittenLayer Vector) Baselines() => (new ScalarLayer(this), new VectorLayer(this));

    private int GroupSize => _channels / _groups;

    private int Count => GroupSize * _positions;

    private const float Epsilon = 1e-5f;

    private int Index(int n, int c, int position) =>
        _channelsLast ? (n * _positions + position) * _channels + c : (n * _channels + c) * _positions + position;

    /// <summary>Plain scalar: means, variances, then the output, each a loop over (n, c, position).</summary>
    public void ScalarForward(ReadOnlySpan<float> x, Span<float> y)
    {
        Array.Clear(_sums);
        for (int n = 0; n < _batch; n++)
            for (int c = 0; c < _channels; c++)
                for (int i = 0; i < _positions; i++)
                    _sums[n * _groups + c / GroupSize] += x[Index(n, c, i)];
        for (int s = 0; s < _sums.Length; s++)
            _mean[s] = (float)(_sums[s] / Count);

        Array.Clear(_sums);
        for (int n = 0; n < _batch; n++)
            for (int c = 0; c < _channels; c++)
                for (int i = 0; i < _positions; i++)
                {
                    float d = x[Index(n, c, i)] - _mean[n * _groups + c / GroupSize];
                    _sums[n * _groups + c / GroupSize] += d * d;
                }

        for (int s = 0; s < _sums.Length; s++)
            _invStd[s] = 1f / MathF.Sqrt((float)(_sums[s] / Count) + Epsilon);

        for (int n = 0; n < _batch; n++)
            for (int c = 0; c < _channels; c++)
            {
                int s = n * _groups + c / GroupSize;
                for (int i = 0; i < _positions; i++)
                {
                    int at = Index(n, c, i);
                    y[at] = (x[at] - _mean[s]) * _invStd[s] * _weight[c] + _bias[c];
                }
            }
    }

    /// <summary>Straightforward <see cref="Vector{T}"/> version: sum pass, variance pass, apply pass.</summary>
    public void VectorForward(ReadOnlySpan<float> x, Span<float> y)
    {
        for (int n = 0; n < _batch; n++)
        {
            if (_channelsLast)
                ChannelsLastSample(n, x, y);
            else
                ChannelsFirstSample(n, x, y);
        }
    }

    private void ChannelsFirstSample(int n, ReadOnlySpan<float> x, Span<float> y)
    {
        int width = Vector<float>.Count;
        for (int g = 0; g < _groups; g++)
        {
            int start = (n * _channels + g * GroupSize) * _positions;
            ReadOnlySpan<float> group = x.Slice(start, Count);
            var acc = Vector<float>.Zero;
            int i = 0;
            for (; i <= group.Length - width; i += width)
                acc += new Vector<float>(group.Slice(i));
            float sum = Vector.Sum(acc);
            for (; i < group.Length; i++)
                sum += group[i];
            float mean = sum / Count;

            var meanV = new Vector<float>(mean);
            acc = Vector<float>.Zero;
            for (i = 0; i <= group.Length - width; i += width)
            {
                var d = new Vector<float>(group.Slice(i)) - meanV;
                acc += d * d;
            }

            float squares = Vector.Sum(acc);
            for (; i < group.Length; i++)
                squares += (group[i] - mean) * (group[i] - mean);
            float invStd = 1f / MathF.Sqrt(squares / Count + Epsilon);
            _mean[n * _groups + g] = mean;
            _invStd[n * _groups + g] = invStd;

            for (int k = 0; k < GroupSize; k++)
            {
                int c = g * GroupSize + k;
                float scale = invStd * _weight[c];
                var scaleV = new Vector<float>(scale);
                var shiftV = new Vector<float>(_bias[c] - mean * scale);
                ReadOnlySpan<float> plane = x.Slice(start + k * _positions, _positions);
                Span<float> outPlane = y.Slice(start + k * _positions, _positions);
                for (i = 0; i <= _positions - width; i += width)
                    (new Vector<float>(plane.Slice(i)) * scaleV + shiftV).CopyTo(outPlane.Slice(i));
                for (; i < _positions; i++)
                    outPlane[i] = plane[i] * scale + (_bias[c] - mean * scale);
            }
        }
    }

    private void ChannelsLastSample(int n, ReadOnlySpan<float> x, Span<float> y)
    {
        int width = Vector<float>.Count;
        ReadOnlySpan<float> sample = x.Slice(n * _positions * _channels, _positions * _channels);
        Span<float> outSample = y.Slice(n * _positions * _channels, _positions * _channels);

        Array.Clear(_channelSums);
        for (int i = 0; i < _positions; i++)
        {
            ReadOnlySpan<float> row = sample.Slice(i * _channels, _channels);
            for (int c = 0; c <= _channels - width; c += width)
                (new Vector<float>(_channelSums, c) + new Vector<float>(row.Slice(c))).CopyTo(_channelSums, c);
        }

        for (int g = 0; g < _groups; g++)
        {
            float sum = 0;
            for (int k = 0; k < GroupSize; k++)
                sum += _channelSums[g * GroupSize + k];
            for (int k = 0; k < GroupSize; k++)
                _channelMean[g * GroupSize + k] = sum / Count;
        }

        Array.Clear(_channelSums);
        for (int i = 0; i < _positions; i++)
        {
            ReadOnlySpan<float> row = sample.Slice(i * _channels, _channels);
            for (int c = 0; c <= _channels - width; c += width)
            {
                var d = new Vector<float>(row.Slice(c)) - new Vector<float>(_channelMean, c);
                (new Vector<float>(_channelSums, c) + d * d).CopyTo(_channelSums, c);
            }
        }

        for (int g = 0; g < _groups; g++)
        {
            float squares = 0;
            for (int k = 0; k < GroupSize; k++)
                squares += _channelSums[g * GroupSize + k];
            float invStd = 1f / MathF.Sqrt(squares / Count + Epsilon);
            _mean[n * _groups + g] = _channelMean[g * GroupSize];
            _invStd[n * _groups + g] = invStd;
            for (int k = 0; k < GroupSize; k++)
            {
                int c = g * GroupSize + k;
                _scale[c] = invStd * _weight[c];
                _shift[c] = _bias[c] - _channelMean[c] * _scale[c];
            }
        }

        for (int i = 0; i < _positions; i++)
        {
            ReadOnlySpan<float> row = sample.Slice(i * _channels, _channels);
            Span<float> outRow = outSample.Slice(i * _channels, _channels);
            for (int c = 0; c <= _channels - width; c += width)
                (new Vector<float>(row.Slice(c)) * new Vector<float>(_scale, c) + new Vector<float>(_shift, c)).CopyTo(outRow.Slice(c));
        }
    }

    /// <summary>Plain scalar backward: the sums per group and per channel, then the input gradient, each a loop over
    /// (n, c, position).</summary>
    public void ScalarBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        Array.Clear(_sums);
        Array.Clear(_secondSums);
        for (int n = 0; n < _batch; n++)
            for (int c = 0; c < _channels; c++)
            {
                int s = n * _groups + c / GroupSize;
                for (int i = 0; i < _positions; i++)
                {
                    int at = Index(n, c, i);
                    float xhat = (x[at] - _mean[s]) * _invStd[s];
                    float g = dy[at] * _weight[c];
                    _sums[s] += g;
                    _secondSums[s] += g * xhat;
                    _weightGrad[c] += dy[at] * xhat;
                    _biasGrad[c] += dy[at];
                }
            }

        for (int n = 0; n < _batch; n++)
            for (int c = 0; c < _channels; c++)
            {
                int s = n * _groups + c / GroupSize;
                float meanG = (float)(_sums[s] / Count), meanGXhat = (float)(_secondSums[s] / Count);
                for (int i = 0; i < _positions; i++)
                {
                    int at = Index(n, c, i);
                    float xhat = (x[at] - _mean[s]) * _invStd[s];
                    dx[at] = _invStd[s] * (dy[at] * _weight[c] - meanG - xhat * meanGXhat);
                }
            }
    }

    /// <summary>Straightforward <see cref="Vector{T}"/> backward, sample by sample: a pass for the sums, a pass for
    /// the input gradient.</summary>
    public void VectorBackward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        for (int n = 0; n < _batch; n++)
        {
            if (_channelsLast)
                ChannelsLastBackward(n, x, dy, dx);
            else
                ChannelsFirstBackward(n, x, dy, dx);
        }
    }

    private void ChannelsFirstBackward(int n, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int width = Vector<float>.Count;
        for (int g = 0; g < _groups; g++)
        {
            int s = n * _groups + g;
            float mean = _mean[s], invStd = _invStd[s];
            var meanV = new Vector<float>(mean);
            var invStdV = new Vector<float>(invStd);
            float gSum = 0, gXhatSum = 0;
            for (int k = 0; k < GroupSize; k++)
            {
                int c = g * GroupSize + k;
                int start = (n * _channels + c) * _positions;
                ReadOnlySpan<float> plane = x.Slice(start, _positions), gradPlane = dy.Slice(start, _positions);
                var dyAcc = Vector<float>.Zero;
                var dyXhatAcc = Vector<float>.Zero;
                int i = 0;
                for (; i <= _positions - width; i += width)
                {
                    var d = new Vector<float>(gradPlane.Slice(i));
                    dyAcc += d;
                    dyXhatAcc += d * ((new Vector<float>(plane.Slice(i)) - meanV) * invStdV);
                }

                float dySum = Vector.Sum(dyAcc), dyXhatSum = Vector.Sum(dyXhatAcc);
                for (; i < _positions; i++)
                {
                    dySum += gradPlane[i];
                    dyXhatSum += gradPlane[i] * ((plane[i] - mean) * invStd);
                }

                gSum += _weight[c] * dySum;
                gXhatSum += _weight[c] * dyXhatSum;
                _weightGrad[c] += dyXhatSum;
                _biasGrad[c] += dySum;
            }

            float meanG = gSum / Count, meanGXhat = gXhatSum / Count;
            var meanGV = new Vector<float>(meanG);
            var meanGXhatV = new Vector<float>(meanGXhat);
            for (int k = 0; k < GroupSize; k++)
            {
                int c = g * GroupSize + k;
                int start = (n * _channels + c) * _positions;
                ReadOnlySpan<float> plane = x.Slice(start, _positions), gradPlane = dy.Slice(start, _positions);
                Span<float> outPlane = dx.Slice(start, _positions);
                var weightV = new Vector<float>(_weight[c]);
                int i = 0;
                for (; i <= _positions - width; i += width)
                {
                    var xhat = (new Vector<float>(plane.Slice(i)) - meanV) * invStdV;
                    (invStdV * (new Vector<float>(gradPlane.Slice(i)) * weightV - meanGV - xhat * meanGXhatV)).CopyTo(outPlane.Slice(i));
                }

                for (; i < _positions; i++)
                    outPlane[i] = invStd * (gradPlane[i] * _weight[c] - meanG - (plane[i] - mean) * invStd * meanGXhat);
            }
        }
    }

    private void ChannelsLastBackward(int n, ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx)
    {
        int width = Vector<float>.Count;
        int length = _positions * _channels;
        ReadOnlySpan<float> sample = x.Slice(n * length, length), gradSample = dy.Slice(n * length, length);
        Span<float> outSample = dx.Slice(n * length, length);
        for (int c = 0; c < _channels; c++)
        {
            _channelMean[c] = _mean[n * _groups + c / GroupSize];
            _channelInvStd[c] = _invStd[n * _groups + c / GroupSize];
        }

        Array.Clear(_channelSums);
        Array.Clear(_channelXhatSums);
        for (int i = 0; i < _positions; i++)
        {
            ReadOnlySpan<float> row = sample.Slice(i * _channels, _channels), gradRow = gradSample.Slice(i * _channels, _channels);
            for (int c = 0; c <= _channels - width; c += width)
            {
                var d = new Vector<float>(gradRow.Slice(c));
                var xhat = (new Vector<float>(row.Slice(c)) - new Vector<float>(_channelMean, c)) * new Vector<float>(_channelInvStd, c);
                (new Vector<float>(_channelSums, c) + d).CopyTo(_channelSums, c);
                (new Vector<float>(_channelXhatSums, c) + d * xhat).CopyTo(_channelXhatSums, c);
            }
        }

        for (int g = 0; g < _groups; g++)
        {
            float gSum = 0, gXhatSum = 0;
            for (int k = 0; k < GroupSize; k++)
            {
                int c = g * GroupSize + k;
                gSum += _weight[c] * _channelSums[c];
                gXhatSum += _weight[c] * _channelXhatSums[c];
                _weightGrad[c] += _channelXhatSums[c];
                _biasGrad[c] += _channelSums[c];
            }

            for (int k = 0; k < GroupSize; k++)
            {
                _channelMeanG[g * GroupSize + k] = gSum / Count;
                _channelMeanGXhat[g * GroupSize + k] = gXhatSum / Count;
            }
        }

        for (int i = 0; i < _positions; i++)
        {
            ReadOnlySpan<float> row = sample.Slice(i * _channels, _channels), gradRow = gradSample.Slice(i * _channels, _channels);
            Span<float> outRow = outSample.Slice(i * _channels, _channels);
            for (int c = 0; c <= _channels - width; c += width)
            {
                var invStd = new Vector<float>(_channelInvStd, c);
                var xhat = (new Vector<float>(row.Slice(c)) - new Vector<float>(_channelMean, c)) * invStd;
                var g = new Vector<float>(gradRow.Slice(c)) * new Vector<float>(_weight, c);
                (invStd * (g - new Vector<float>(_channelMeanG, c) - xhat * new Vector<float>(_channelMeanGXhat, c))).CopyTo(outRow.Slice(c));
            }
        }
    }

    private sealed class ScalarLayer(GroupNormBaseline layer) : IHandWrittenLayer
    {
        public void ForwardTrain(ReadOnlySpan<float> x, Span<float> y) => layer.ScalarForward(x, y);

        public void ForwardEval(ReadOnlySpan<float> x, Span<float> y) => layer.ScalarForward(x, y);

        public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx) => layer.ScalarBackward(x, dy, dx);
    }

    private sealed class VectorLayer(GroupNormBaseline layer) : IHandWrittenLayer
    {
        public void ForwardTrain(ReadOnlySpan<float> x, Span<float> y) => layer.VectorForward(x, y);

        public void ForwardEval(ReadOnlySpan<float> x, Span<float> y) => layer.VectorForward(x, y);

        public void Backward(ReadOnlySpan<float> x, ReadOnlySpan<float> dy, Span<float> dx) => layer.VectorBackward(x, dy, dx);
    }
}
