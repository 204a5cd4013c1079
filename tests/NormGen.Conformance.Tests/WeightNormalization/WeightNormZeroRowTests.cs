using System;
using System.Collections.Generic;
using System.Numerics;
using NormGen.Conformance.Tests.Harness;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NormGen.Conformance.Tests.WeightNormalization;

/// <summary>
/// Epsilon = 0 (PyTorch's weight_norm) with a row of v all zeros: the norm of that row is 0, so its weight is
/// g · 0 / 0 = NaN in libtorch and in NormGen, and so are the gradients of its magnitude (0 / 0) and of its
/// direction. The other rows must match libtorch as usual.
/// </summary>
public class WeightNormZeroRowTests
{
    [Fact]
    public void ConvDim0ZeroRowFloat() => Run(new ConvDim0Float(), [7, 3, 5, 3], 0, zeroRow: 4, seed: 301);

    [Fact]
    public void LinearLastDimZeroColumnDouble() => Run(new LinearLastDimDouble(), [9, 11], 1, zeroRow: 6, seed: 302);

    private static void Run<T>(IWeightNormalization<T> normalization, int[] shape, int torchDim, int zeroRow, int seed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var scope = torch.NewDisposeScope();
        var reference = new WeightNormReference(shape, torchDim, 0.0);
        var data = new InputData(seed);
        ScalarType dtype = TensorData.DType<T>();
        string name = normalization.GetType().Name;

        T[] v = WeightNormCheck.Direction<T>(reference, data, [new ScaledRow(zeroRow, 0.0)]);
        T[] g = TensorData.Narrow<T>(data.Uniform(reference.Rows, 0.5, 1.5));
        T[] weightGrad = TensorData.Narrow<T>(data.Normal(reference.Count, 0.0, 1.0));
        v.CopyTo(normalization.V, 0);
        g.CopyTo(normalization.G, 0);
        var weight = new T[reference.Count];
        normalization.ComputeWeight(weight);
        normalization.ZeroGrad();
        normalization.Backward(weightGrad);

        Tensor vt = TensorData.ToTensor(TensorData.Widen<T>(v), reference.Shape, dtype).requires_grad_();
        Tensor gt = TensorData.ToTensor(TensorData.Widen<T>(g), reference.MagnitudeShape, dtype).requires_grad_();
        Tensor wt = reference.Weight(vt, gt);
        wt.backward([TensorData.ToTensor(TensorData.Widen<T>(weightGrad), reference.Shape, dtype)]);

        double[] expectedWeight = TensorData.ToArray(wt);
        double[] actualWeight = TensorData.Widen<T>(weight);
        for (int i = 0; i < reference.Count; i++)
        {
            if (reference.RowOf(i) == zeroRow)
            {
                Assert.True(double.IsNaN(expectedWeight[i]), $"{name}: libtorch weight {i} of the zero row is {expectedWeight[i]}, not NaN.");
                Assert.True(double.IsNaN(actualWeight[i]), $"{name}: NormGen weight {i} of the zero row is {actualWeight[i]}, not NaN.");
            }
        }

        double[] expectedGGrad = TensorData.ToArray(gt.grad!);
        double[] actualGGrad = TensorData.Widen<T>(normalization.GGrad);
        Assert.True(double.IsNaN(expectedGGrad[zeroRow]), $"{name}: libtorch's g gradient of the zero row is {expectedGGrad[zeroRow]}, not NaN.");
        Assert.True(double.IsNaN(actualGGrad[zeroRow]), $"{name}: NormGen's g gradient of the zero row is {actualGGrad[zeroRow]}, not NaN.");

        double[] expectedVGrad = TensorData.ToArray(vt.grad!);
        double[] actualVGrad = TensorData.Widen<T>(normalization.VGrad);
        for (int i = 0; i < reference.Count; i++)
        {
            if (reference.RowOf(i) == zeroRow)
            {
                Assert.True(double.IsNaN(expectedVGrad[i]), $"{name}: libtorch's v gradient {i} of the zero row is {expectedVGrad[i]}, not NaN.");
                Assert.True(double.IsNaN(actualVGrad[i]), $"{name}: NormGen's v gradient {i} of the zero row is {actualVGrad[i]}, not NaN.");
            }
        }

        Closeness.AssertClose($"{name}: weight outside the zero row", OtherRows(reference, expectedWeight, zeroRow), OtherRows(reference, actualWeight, zeroRow), Tolerances.Forward<T>());
        Closeness.AssertClose($"{name}: GGrad outside the zero row", Without(expectedGGrad, zeroRow), Without(actualGGrad, zeroRow), Tolerances.Gradient<T>());
        Closeness.AssertClose($"{name}: VGrad outside the zero row", OtherRows(reference, expectedVGrad, zeroRow), OtherRows(reference, actualVGrad, zeroRow), Tolerances.Gradient<T>());
    }

    private static double[] OtherRows(WeightNormReference reference, double[] values, int row)
    {
        var kept = new List<double>(values.Length);
        for (int i = 0; i < values.Length; i++)
        {
            if (reference.RowOf(i) != row)
                kept.Add(values[i]);
        }

        return [.. kept];
    }

    private static double[] Without(double[] values, int index) =>
        [.. values.AsSpan(0, index), .. values.AsSpan(index + 1)];
}
