using System;
using TorchSharp;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace NormGen.Conformance.Tests.Harness;

/// <summary>
/// A PyTorch normalisation module rebuilt on libtorch's own kernels (<c>batch_norm</c>, <c>instance_norm</c>,
/// <c>layer_norm</c>, <c>group_norm</c>, and autograd for the backward pass). The bookkeeping around the kernels
/// (counting batches, choosing the momentum, choosing batch or running statistics) is PyTorch's Python module code
/// (<c>torch/nn/modules/batchnorm.py</c>, <c>instancenorm.py</c>) written out here, because TorchSharp's module
/// wrappers differ from it in places: their BatchNorm and InstanceNorm accept no <c>momentum=None</c>, and their
/// GroupNorm leaves γ and β uninitialised.
/// </summary>
internal sealed class TorchReference : IDisposable
{
    private readonly TorchNorm _spec;

    public TorchReference(TorchNorm spec, ScalarType dtype)
    {
        _spec = spec;
        DType = dtype;
        long[] parameterShape = spec.Kind is NormKind.Layer or NormKind.Rms ? spec.NormalizedShape : [spec.Channels];
        if (spec.Affine)
        {
            Weight = torch.ones(parameterShape, dtype).requires_grad_();
            Bias = spec.Kind == NormKind.Rms ? null : torch.zeros(parameterShape, dtype).requires_grad_();
        }

        if (spec.TrackRunningStats && spec.Kind != NormKind.Rms)
        {
            RunningMean = torch.zeros(spec.Channels, dtype);
            RunningVar = torch.ones(spec.Channels, dtype);
        }
    }

    /// <summary>The element type the kernels run in.</summary>
    public ScalarType DType { get; }

    public Tensor? Weight { get; }

    public Tensor? Bias { get; }

    public Tensor? RunningMean { get; }

    public Tensor? RunningVar { get; }

    /// <summary>
    /// BatchNorm: PyTorch's <c>num_batches_tracked</c>. InstanceNorm: NormGen's documented count of training
    /// forwards; PyTorch's InstanceNorm never increments its counter (see <c>InstanceNormRunningStatsTests</c>).
    /// </summary>
    public long NumBatchesTracked { get; private set; }

    public bool Training { get; set; } = true;

    /// <summary>Sets γ and β (flat, in the parameter's row-major order; β null for RMSNorm) without recording them in autograd.</summary>
    public void SetAffine(double[] weight, double[]? bias)
    {
        using var noGrad = torch.no_grad();
        using var w = TensorData.ToTensor(weight, Weight!.shape, Weight.dtype);
        Weight.copy_(w);
        if (bias is not null)
        {
            using var b = TensorData.ToTensor(bias, Bias!.shape, Bias.dtype);
            Bias!.copy_(b);
        }
    }

    public void ZeroGrad()
    {
        Weight?.grad?.zero_();
        Bias?.grad?.zero_();
    }

    /// <summary>Forward on an input in libtorch's axis order (N, C, spatial...) or, for LayerNorm, as declared.</summary>
    public Tensor Forward(Tensor input) => Activate(Normalize(input), _spec.Activation);

    /// <summary>The activation module's function on <paramref name="normalized"/>, with autograd.</summary>
    public static Tensor Activate(Tensor normalized, NormActivation activation) => activation switch
    {
        NormActivation.None => normalized,
        NormActivation.Relu => F.relu(normalized),
        NormActivation.Silu => F.silu(normalized),
        NormActivation.Gelu => F.gelu(normalized),
        _ => GeluTanh(normalized),
    };

    /// <summary>nn.GELU(approximate='tanh') as PyTorch defines it, 0.5 * z * (1 + tanh(sqrt(2/pi) * (z + 0.044715 z^3))),
    /// from libtorch's tensor operations, with autograd for the backward.</summary>
    private static Tensor GeluTanh(Tensor z)
    {
        var inner = (z + z.pow(3) * 0.044715) * Math.Sqrt(2.0 / Math.PI);
        return z * 0.5 * (inner.tanh() + 1.0);
    }

    private Tensor Normalize(Tensor input) => _spec.Kind switch
    {
        NormKind.Batch => BatchNorm(input),
        NormKind.Instance => InstanceNorm(input),
        NormKind.Layer => F.layer_norm(input, _spec.NormalizedShape, Weight, Bias, _spec.Eps!.Value),
        NormKind.Rms => RmsNorm(input),
        _ => F.group_norm(input, _spec.Groups, Weight, Bias, _spec.Eps!.Value),
    };

    /// <summary>
    /// ATen's <c>rms_norm</c> (what <c>nn.RMSNorm.forward</c> calls), step by step:
    /// <c>input * rsqrt(input.pow(2).mean(last dims, keepdim=True) + eps)</c> (the square as <c>square()</c>), then <c>* weight</c>, with
    /// <c>eps = torch.finfo(input.dtype).eps</c> when the module has none. Autograd differentiates it.
    /// </summary>
    private Tensor RmsNorm(Tensor input)
    {
        int normalized = _spec.NormalizedShape.Length;
        long[] dims = new long[normalized];
        for (int i = 0; i < normalized; i++)
        {
            dims[i] = input.dim() - normalized + i;
        }

        double eps = _spec.Eps ?? torch.finfo(input.dtype).eps;
        using var squares = input.square();
        using var meanSquare = squares.mean(dims, keepdim: true);
        using var shifted = meanSquare + eps;
        using var inverseRms = shifted.rsqrt();
        var normalizedInput = input * inverseRms;
        if (Weight is null)
        {
            return normalizedInput;
        }

        using (normalizedInput)
        {
            return normalizedInput * Weight;
        }
    }

    private Tensor BatchNorm(Tensor input)
    {
        // _BatchNorm.forward: momentum=None means a cumulative average, factor 1/num_batches_tracked after counting.
        double factor = _spec.Momentum ?? 0.0;
        if (Training && _spec.TrackRunningStats)
        {
            NumBatchesTracked++;
            factor = _spec.Momentum ?? 1.0 / NumBatchesTracked;
        }

        // Batch statistics in training, and in eval when there are no running statistics.
        bool useBatchStatistics = Training || RunningMean is null;
        return F.batch_norm(input, RunningMean, RunningVar, Weight, Bias, useBatchStatistics, factor, _spec.Eps!.Value);
    }

    private Tensor InstanceNorm(Tensor input)
    {
        // _InstanceNorm.forward uses input statistics unless it is in eval mode with running statistics. PyTorch passes
        // momentum=None on as 0 and counts nothing; NormGen documents a count and, for CumulativeAverage, the factor
        // 1/count as BatchNorm: the reference follows NormGen there, and that choice is tested against PyTorch apart.
        bool useInputStatistics = Training || !_spec.TrackRunningStats;
        double factor = _spec.Momentum ?? 0.0;
        if (Training && _spec.TrackRunningStats)
        {
            NumBatchesTracked++;
            factor = _spec.Momentum ?? 1.0 / NumBatchesTracked;
        }

        return F.instance_norm(input, RunningMean, RunningVar, Weight, Bias, useInputStatistics, factor, _spec.Eps!.Value);
    }

    public void Dispose()
    {
        Weight?.Dispose();
        Bias?.Dispose();
        RunningMean?.Dispose();
        RunningVar?.Dispose();
    }
}
