using System;
using System.Globalization;
using System.Numerics;
using NormGen.Conformance.Tests.Harness;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NormGen.Conformance.Tests.WeightNormalization;

/// <summary>A row (index along Dim; 0 for the whole weight) of <c>v</c> multiplied by <see cref="Factor"/>: 0 makes it
/// all zeros, a small factor puts its norm below the epsilon.</summary>
internal readonly record struct ScaledRow(int Row, double Factor);

/// <summary>
/// Runs a generated weight normalisation and <see cref="WeightNormReference"/> on the same values: the declared
/// configuration, <c>InitializeFrom</c> (V is the weight, G its norms, and ComputeWeight gives it back), ComputeWeight
/// on random v and g, and two Backward calls with random weight gradients whose G and V gradients accumulate on both
/// sides (as PyTorch's <c>.grad</c>).
/// </summary>
internal static class WeightNormCheck
{
    public static void Run<T>(IWeightNormalization<T> normalization, int[] shape, int torchDim, int seed,
        double epsilon = 0, params ScaledRow[] scaledRows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        using var scope = torch.NewDisposeScope();
        var reference = new WeightNormReference(shape, torchDim, epsilon);
        var data = new InputData(seed);
        ScalarType dtype = TensorData.DType<T>();
        string name = normalization.GetType().Name;
        Tolerance forward = Tolerances.Forward<T>();
        Tolerance gradient = Tolerances.Gradient<T>();

        Assert.Equal(shape, normalization.Shape.ToArray());
        Assert.Equal(reference.KeptDim, normalization.Dim);
        Assert.Equal(epsilon, normalization.Epsilon);
        Assert.Equal(reference.Count, normalization.V.Length);
        Assert.Equal(reference.Count, normalization.VGrad.Length);
        Assert.Equal(reference.Rows, normalization.G.Length);
        Assert.Equal(reference.Rows, normalization.GGrad.Length);

        // Registration: v = w, g = norm_except_dim(w); the weight computed from them is w again.
        T[] weight = Direction<T>(reference, data, scaledRows);
        normalization.InitializeFrom(weight);
        Assert.Equal(weight, normalization.V);
        Tensor w = TensorData.ToTensor(TensorData.Widen<T>(weight), reference.Shape, dtype);
        Tensor norms = reference.Norm(w);
        AssertScaledRowsClamped(name, reference, TensorData.ToArray(norms), scaledRows);
        Closeness.AssertClose($"{name}: InitializeFrom G", TensorData.ToArray(norms), TensorData.Widen<T>(normalization.G), forward);
        var recomputed = new T[reference.Count];
        normalization.ComputeWeight(recomputed);
        Closeness.AssertClose($"{name}: ComputeWeight after InitializeFrom", TensorData.ToArray(reference.Weight(w, norms)), TensorData.Widen<T>(recomputed), forward);

        // Random v and g.
        T[] v = Direction<T>(reference, data, scaledRows);
        T[] g = TensorData.Narrow<T>(data.Uniform(reference.Rows, 0.5, 1.5));
        v.CopyTo(normalization.V, 0);
        g.CopyTo(normalization.G, 0);
        Tensor vt = TensorData.ToTensor(TensorData.Widen<T>(v), reference.Shape, dtype).requires_grad_();
        Tensor gt = TensorData.ToTensor(TensorData.Widen<T>(g), reference.MagnitudeShape, dtype).requires_grad_();
        var computed = new T[reference.Count];
        normalization.ComputeWeight(computed);
        using (torch.no_grad())
            Closeness.AssertClose($"{name}: ComputeWeight", TensorData.ToArray(reference.Weight(vt, gt)), TensorData.Widen<T>(computed), forward);

        normalization.ZeroGrad();
        for (int step = 1; step <= 2; step++)
        {
            T[] weightGrad = TensorData.Narrow<T>(data.Normal(reference.Count, 0.0, 1.0));
            normalization.Backward(weightGrad);
            reference.Weight(vt, gt).backward([TensorData.ToTensor(TensorData.Widen<T>(weightGrad), reference.Shape, dtype)]);
            Closeness.AssertClose($"{name}: Backward {step}: GGrad", TensorData.ToArray(gt.grad!), TensorData.Widen<T>(normalization.GGrad), gradient);
            Closeness.AssertClose($"{name}: Backward {step}: VGrad", TensorData.ToArray(vt.grad!), TensorData.Widen<T>(normalization.VGrad), gradient);
        }

        Assert.Equal(v, normalization.V);
        Assert.Equal(g, normalization.G);
    }

    /// <summary>Unit normal values in <typeparamref name="T"/>, with the <paramref name="scaledRows"/> scaled.</summary>
    public static T[] Direction<T>(WeightNormReference reference, InputData data, ScaledRow[] scaledRows)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        double[] values = data.Normal(reference.Count, 0.0, 1.0);
        for (int i = 0; i < values.Length; i++)
        {
            foreach (var scaled in scaledRows)
            {
                if (reference.RowOf(i) == scaled.Row)
                    values[i] *= scaled.Factor;
            }
        }

        return TensorData.Narrow<T>(values);
    }

    /// <summary>The case's premise: every scaled row's norm is below the epsilon (so the clamp acts there) and every
    /// other row's above it.</summary>
    private static void AssertScaledRowsClamped(string name, WeightNormReference reference, double[] norms, ScaledRow[] scaledRows)
    {
        for (int row = 0; row < norms.Length; row++)
        {
            bool scaled = Array.Exists(scaledRows, s => s.Row == row);
            Assert.True(scaled == norms[row] < reference.Epsilon, string.Create(CultureInfo.InvariantCulture,
                $"{name}: row {row} has norm {norms[row]:R}, {(scaled ? "not below" : "below")} epsilon {reference.Epsilon:R}."));
        }
    }
}
