using System;
using System.Numerics;
using TorchSharp;
using static TorchSharp.torch;

namespace NormGen.Conformance.Tests.Harness;

/// <summary>Moves values between NormGen's arrays and libtorch tensors without changing any of them.</summary>
internal static class TensorData
{
    public static ScalarType DType<T>() => typeof(T) == typeof(float) ? ScalarType.Float32 : ScalarType.Float64;

    /// <summary>A tensor of type <paramref name="dtype"/> holding <paramref name="values"/> (exact: every value
    /// already is a <paramref name="dtype"/> value widened to double).</summary>
    public static Tensor ToTensor(double[] values, long[] shape, ScalarType dtype) =>
        torch.tensor(values, shape, ScalarType.Float64).to_type(dtype);

    /// <summary>The tensor's values in row-major order of its current axis order, widened to double.</summary>
    public static double[] ToArray(Tensor tensor)
    {
        using var widened = tensor.detach().to_type(ScalarType.Float64).contiguous();
        return widened.data<double>().ToArray();
    }

    public static double[] Widen<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var widened = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
            widened[i] = double.CreateChecked(values[i]);
        return widened;
    }

    /// <summary>Rounds to <typeparamref name="T"/>; the result widened back is what libtorch receives.</summary>
    public static T[] Narrow<T>(double[] values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var narrowed = new T[values.Length];
        for (int i = 0; i < values.Length; i++)
            narrowed[i] = T.CreateChecked(values[i]);
        return narrowed;
    }
}
