using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace NormGen.Conformance.Tests.WeightNormalization;

/// <summary>
/// PyTorch's weight normalisation written with libtorch operations, so that autograd supplies the reference
/// gradients: <c>torch._weight_norm(v, g, dim) = v * (g / norm_except_dim(v, 2, dim))</c>, where
/// <c>norm_except_dim</c> is the 2-norm over every dimension but <c>dim</c> (kept with extent 1), and over the whole
/// weight for <c>dim = -1</c>; other negative dims count from the end. With an epsilon the norm is
/// <c>clamp_min(norm, eps)</c>, as <c>torch.nn.functional.normalize</c>. Callers own a dispose scope: the
/// intermediate tensors stay alive for autograd.
/// </summary>
internal sealed class WeightNormReference
{
    public WeightNormReference(int[] shape, int torchDim, double epsilon)
    {
        Shape = Array.ConvertAll(shape, extent => (long)extent);
        Epsilon = epsilon;
        KeptDim = torchDim == -1 ? -1 : torchDim < 0 ? torchDim + shape.Length : torchDim;
        NormDims = Enumerable.Range(0, shape.Length).Where(d => d != KeptDim).Select(d => (long)d).ToArray();
        MagnitudeShape = Enumerable.Range(0, shape.Length).Select(d => d == KeptDim ? Shape[d] : 1L).ToArray();
        Rows = KeptDim < 0 ? 1 : shape[KeptDim];
        Count = shape.Aggregate(1, (product, extent) => product * extent);
    }

    public long[] Shape { get; }

    public double Epsilon { get; }

    /// <summary>The dimension with one magnitude per index, counted from the front; −1 for the whole weight.</summary>
    public int KeptDim { get; }

    /// <summary>The dimensions the norm reduces.</summary>
    public long[] NormDims { get; }

    /// <summary>The shape of <c>g</c> (and of the norm): the weight's extent at <see cref="KeptDim"/>, 1 elsewhere.</summary>
    public long[] MagnitudeShape { get; }

    /// <summary>Number of magnitudes.</summary>
    public int Rows { get; }

    /// <summary>Number of weight elements.</summary>
    public int Count { get; }

    /// <summary>The row (index along <see cref="KeptDim"/>) of the element at <paramref name="flatIndex"/>.</summary>
    public int RowOf(int flatIndex)
    {
        if (KeptDim < 0)
            return 0;
        long stride = 1;
        for (int d = KeptDim + 1; d < Shape.Length; d++)
            stride *= Shape[d];
        return (int)(flatIndex / stride % Shape[KeptDim]);
    }

    /// <summary><c>norm_except_dim(v, 2, dim)</c>, unclamped: what PyTorch's registration stores as <c>g</c>.</summary>
    public Tensor Norm(Tensor v) => torch.linalg.vector_norm(v, 2, NormDims, keepdim: true);

    /// <summary><c>v * (g / n)</c> with <c>n</c> the norm, clamped below by the epsilon when there is one.</summary>
    public Tensor Weight(Tensor v, Tensor g)
    {
        Tensor norm = Norm(v);
        if (Epsilon > 0)
            norm = norm.clamp_min(Epsilon);
        return v * (g / norm);
    }
}
