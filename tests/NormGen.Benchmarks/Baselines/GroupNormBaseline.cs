using System;
using System.Numerics;

namespace NormGen.Benchmarks.Baselines;

/// <summary>
/// GroupNorm written by hand, per group, for NCHW and NHWC: statistic (n, g) covers the channels g·C/G .. (g+1)·C/G - 1
/// of sample n over every position, and γ, β are per channel, so the P × Q × R view does not fit it. NCHW keeps a
/// group's values contiguous; NHWC interleaves the groups in every position's row of C channels, so the vector version
/// accumulates per channel across positions and then adds the channels of each group.
/// </summary>
internal sealed class GroupNormBaseline
{
    private readonly int _batch, _channels, _groups, _positions;
    private readonly bool _channelsLast;
    private readonly float[] _weight, _bias;
    private readonly float[] _mean, _invStd;
    private readonly double[] _sums;
    private readonly float[] _channelSums, _channelMean, _scale, _shift;

    public GroupNormBaseline(int batch, int channels, int groups, int positions, bool channelsLast)
    {
        // The channels-last vector passes step through a row of C channels a whole vector at a time.
        if (channelsLast && channels % Vector<float>.Count != 0)
            throw new ArgumentException($"Channels ({channels}) must be a multiple of Vector<float>.Count ({Vector<float>.Count}).", nameof(channels));
        (_batch, _channels, _groups, _positions, _channelsLast) = (batch, channels, groups, positions, channelsLast);
        _weight = new float[channels];
        Array.Fill(_weight, 1f);
        _bias = new float[channels];
        _mean = new float[batch * groups];
        _invStd = new float[batch * groups];
        _sums = new double[batch * groups];
        _channelSums = new float[channels];
        _channelMean = new float[channels];
        _scale = new float[channels];
        _shift = new float[channels];
    }

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
}
