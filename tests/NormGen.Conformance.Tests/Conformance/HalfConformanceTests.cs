using System;
using System.Linq;
using NormGen.Conformance.Tests.Layers;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace NormGen.Conformance.Tests.Conformance;

/// <summary>
/// Half layers against libtorch's float16 path on the CPU with float parameters and running statistics (layer_norm,
/// batch_norm and group_norm take a half input with float parameters there, PyTorch's mixed-precision case, and
/// accumulate in float): the same half input and float parameters. Both compute in float and round each output once,
/// with sums in different orders, so outputs and input gradients agree within one Half ulp (or, where an output's terms
/// cancel, within a few float ulps of those terms); float parameter gradients and running statistics agree within a
/// few float ulps of the largest, except layer_norm's γ and β gradients, which libtorch's half kernel computes in Half
/// (each row's term and the result rounded to Half): those agree within 2^-11 of the sum of the terms' magnitudes plus
/// half a Half ulp of the result.
/// </summary>
public class HalfConformanceTests
{
    private static readonly Random Random = new(20261204);

    [Fact]
    public void LayerNormOverLastDimension()
    {
        var layer = new LayerNormLastHalf();
        long[] shape = [3, 5, 13];
        SetParameters(layer.Weight, layer.Bias);
        using var scope = torch.NewDisposeScope();
        var (x, dy, xt, dyt) = Data(shape);
        var weight = Parameter(layer.Weight);
        var bias = Parameter(layer.Bias);
        var y = F.layer_norm(xt, [13], weight, bias, 1e-5);
        Assert.Equal(ScalarType.Float16, y.dtype);

        var output = new Half[x.Length];
        layer.Forward(x, output, 3, 5);
        AssertWithinHalfUlp("layer_norm output", output, y);

        y.backward([dyt]);
        var inputGrad = new Half[x.Length];
        layer.Backward(x, dy, inputGrad, 3, 5);
        AssertWithinHalfUlp("layer_norm input gradient", inputGrad, xt.grad!);
        var (weightTerms, biasTerms) = LayerNormGradientTerms(x, dy, 13);
        AssertParameterGradient("layer_norm weight gradient", layer.WeightGrad, weight.grad!, weightTerms);
        AssertParameterGradient("layer_norm bias gradient", layer.BiasGrad, bias.grad!, biasTerms);
    }

    [Fact]
    public void BatchNorm2dTrainingThenEval()
    {
        var layer = new BatchNorm2dHalf();
        long[] shape = [3, 5, 7, 9];
        SetParameters(layer.Weight, layer.Bias);
        using var scope = torch.NewDisposeScope();
        var (x, dy, xt, dyt) = Data(shape);
        var weight = Parameter(layer.Weight);
        var bias = Parameter(layer.Bias);
        var runningMean = torch.zeros(5, ScalarType.Float32);
        var runningVar = torch.ones(5, ScalarType.Float32);
        var y = F.batch_norm(xt, runningMean, runningVar, weight, bias, training: true, momentum: 0.1, eps: 1e-5);
        Assert.Equal(ScalarType.Float16, y.dtype);

        var output = new Half[x.Length];
        layer.Forward(x, output, 3, 7, 9);
        AssertWithinHalfUlp("batch_norm output", output, y);
        AssertParameterGradient("running mean", layer.RunningMean, runningMean);
        AssertParameterGradient("running var", layer.RunningVar, runningVar);

        y.backward([dyt]);
        var inputGrad = new Half[x.Length];
        layer.Backward(x, dy, inputGrad, 3, 7, 9);
        AssertWithinHalfUlp("batch_norm input gradient", inputGrad, xt.grad!);
        AssertParameterGradient("batch_norm weight gradient", layer.WeightGrad, weight.grad!);
        AssertParameterGradient("batch_norm bias gradient", layer.BiasGrad, bias.grad!);

        // Eval: both normalise with the running statistics; the layer is given libtorch's, so that both use the same.
        var torchMean = runningMean.to_type(ScalarType.Float32).data<float>().ToArray();
        var torchVar = runningVar.to_type(ScalarType.Float32).data<float>().ToArray();
        torchMean.CopyTo(layer.RunningMean, 0);
        torchVar.CopyTo(layer.RunningVar, 0);
        layer.Training = false;
        var evalInput = xt.detach();
        var evalY = F.batch_norm(evalInput, runningMean, runningVar, weight.detach(), bias.detach(), training: false, momentum: 0.1, eps: 1e-5);
        layer.Forward(x, output, 3, 7, 9);
        AssertWithinHalfUlp("batch_norm eval output", output, evalY);
    }

    [Fact]
    public void GroupNorm()
    {
        var layer = new GroupNormHalf();
        long[] shape = [2, 6, 5, 7];
        SetParameters(layer.Weight, layer.Bias);
        using var scope = torch.NewDisposeScope();
        var (x, dy, xt, dyt) = Data(shape);
        var weight = Parameter(layer.Weight);
        var bias = Parameter(layer.Bias);
        var y = F.group_norm(xt, 3, weight, bias, 1e-5);
        Assert.Equal(ScalarType.Float16, y.dtype);

        var output = new Half[x.Length];
        layer.Forward(x, output, 2, 5, 7);
        AssertWithinHalfUlp("group_norm output", output, y);

        y.backward([dyt]);
        var inputGrad = new Half[x.Length];
        layer.Backward(x, dy, inputGrad, 2, 5, 7);
        AssertWithinHalfUlp("group_norm input gradient", inputGrad, xt.grad!);
        AssertParameterGradient("group_norm weight gradient", layer.WeightGrad, weight.grad!);
        AssertParameterGradient("group_norm bias gradient", layer.BiasGrad, bias.grad!);
    }

    /// <summary>s = x + r in half (libtorch's add rounds it once, as the layer does: bit for bit), layer_norm(s), and a
    /// loss that reads s too, sum(y · dy) + sum(s · v): the gradient of x and of r is libtorch's half LayerNorm gradient
    /// plus v, accumulated in half; the layer's ds is its own Half gradient plus v, rounded. The two LayerNorm gradients
    /// agree within one Half ulp, so ds within one Half ulp of itself plus one of that gradient.</summary>
    [Fact]
    public void LayerNormWithTheResidualBeforeTheNorm()
    {
        var layer = new LayerNormSkipHalf();
        long[] shape = [3, 5, 13];
        SetParameters(layer.Weight, layer.Bias);
        using var scope = torch.NewDisposeScope();
        var (x, dy, xt, dyt) = Data(shape);
        var (r, v, rt, vt) = Data(shape);
        var weight = Parameter(layer.Weight);
        var bias = Parameter(layer.Bias);
        rt.requires_grad_(true);
        var st = xt + rt;
        var y = F.layer_norm(st, [13], weight, bias, 1e-5);
        Assert.Equal(ScalarType.Float16, st.dtype);

        var sum = new Half[x.Length];
        var output = new Half[x.Length];
        layer.Forward(x, r, sum, output, 3, 5);
        Assert.Equal(Floats(st), sum.Select(h => (float)h).ToArray());
        AssertWithinHalfUlp("layer_norm(x + r) output", output, y);

        (y * dyt).sum().add((st * vt).sum()).backward();
        var normGrad = new Half[x.Length];
        layer.Backward(sum, dy, normGrad, 3, 5);
        layer.ZeroGrad();
        var inputGrad = new Half[x.Length];
        layer.Backward(sum, dy, v, inputGrad, 3, 5);
        Assert.Equal(Floats(xt.grad!), Floats(rt.grad!));
        float[] torchGrad = Floats(xt.grad!);
        for (int i = 0; i < x.Length; i++)
        {
            float value = (float)inputGrad[i];
            float ulp = HalfUlp(torchGrad[i]) + HalfUlp((float)normGrad[i]);
            Assert.True(MathF.Abs(value - torchGrad[i]) <= ulp, $"ds[{i}]: NormGen {value:R}, libtorch {torchGrad[i]:R}");
        }

        var (weightTerms, biasTerms) = LayerNormGradientTerms(sum, dy, 13);
        AssertParameterGradient("layer_norm(x + r) weight gradient", layer.WeightGrad, weight.grad!, weightTerms);
        AssertParameterGradient("layer_norm(x + r) bias gradient", layer.BiasGrad, bias.grad!, biasTerms);
    }

    private static float HalfUlp(float value) => (float)Half.BitIncrement((Half)MathF.Abs(value)) - MathF.Abs(value);

    /// <summary>γ in 1 ± 0.5 and β in 0 ± 0.5 (values Half holds exactly, so a half copy would change nothing).</summary>
    private static void SetParameters(float[] weight, float[] bias)
    {
        for (int i = 0; i < weight.Length; i++)
        {
            weight[i] = (float)(Half)(1 + Random.NextDouble() - 0.5);
            bias[i] = (float)(Half)(Random.NextDouble() - 0.5);
        }
    }

    /// <summary>A float parameter tensor holding <paramref name="values"/>.</summary>
    private static Tensor Parameter(float[] values) =>
        torch.tensor(values, ScalarType.Float32).requires_grad_(true);

    private static (Half[] X, Half[] Dy, Tensor Xt, Tensor Dyt) Data(long[] shape)
    {
        int count = (int)shape.Aggregate(1L, (a, b) => a * b);
        var x = Enumerable.Range(0, count).Select(_ => (Half)(0.5 + (4 * Random.NextDouble()) - 2)).ToArray();
        var dy = Enumerable.Range(0, count).Select(_ => (Half)((2 * Random.NextDouble()) - 1)).ToArray();
        var xt = torch.tensor(x.Select(h => (float)h).ToArray(), shape, ScalarType.Float32).to_type(ScalarType.Float16).requires_grad_(true);
        var dyt = torch.tensor(dy.Select(h => (float)h).ToArray(), shape, ScalarType.Float32).to_type(ScalarType.Float16);
        return (x, dy, xt, dyt);
    }

    private static float[] Floats(Tensor tensor) => tensor.detach().to_type(ScalarType.Float32).contiguous().data<float>().ToArray();

    private static void AssertWithinHalfUlp(string quantity, Half[] actual, Tensor expected)
    {
        float[] torchValues = Floats(expected);
        Assert.Equal(torchValues.Length, actual.Length);
        float slack = 8 * torchValues.Select(MathF.Abs).Max() * MathF.Pow(2, -23);
        for (int i = 0; i < actual.Length; i++)
        {
            float value = (float)actual[i];
            float ulp = (float)Half.BitIncrement((Half)MathF.Abs(torchValues[i])) - MathF.Abs(torchValues[i]);
            Assert.True(MathF.Abs(value - torchValues[i]) <= ulp + slack, $"{quantity}[{i}]: NormGen {value:R}, libtorch {torchValues[i]:R}");
        }
    }

    /// <summary>Per feature of a LayerNorm over the last <paramref name="features"/> values: Σ |dy · xhat| and Σ |dy|
    /// over the rows, in double.</summary>
    private static (double[] Weight, double[] Bias) LayerNormGradientTerms(Half[] x, Half[] dy, int features)
    {
        var weight = new double[features];
        var bias = new double[features];
        for (int row = 0; row < x.Length / features; row++)
        {
            var values = Enumerable.Range(0, features).Select(c => (double)x[(row * features) + c]).ToArray();
            double mean = values.Average();
            double invStd = 1 / Math.Sqrt(values.Select(v => (v - mean) * (v - mean)).Average() + 1e-5);
            for (int c = 0; c < features; c++)
            {
                double g = (double)dy[(row * features) + c];
                weight[c] += Math.Abs(g * (values[c] - mean) * invStd);
                bias[c] += Math.Abs(g);
            }
        }

        return (weight, bias);
    }

    private static void AssertParameterGradient(string quantity, float[] actual, Tensor expected, double[]? halfRoundedTerms = null)
    {
        float[] torchValues = Floats(expected);
        Assert.Equal(torchValues.Length, actual.Length);
        float slack = 8 * torchValues.Select(MathF.Abs).Max() * MathF.Pow(2, -23);
        for (int i = 0; i < actual.Length; i++)
        {
            double halfUlp = (float)Half.BitIncrement((Half)MathF.Abs(torchValues[i])) - MathF.Abs(torchValues[i]);
            double bound = slack + (halfRoundedTerms is null ? 0 : (halfRoundedTerms[i] * Math.Pow(2, -11)) + (halfUlp / 2));
            Assert.True(Math.Abs(actual[i] - torchValues[i]) <= bound, $"{quantity}[{i}]: NormGen {actual[i]:R}, libtorch {torchValues[i]:R}, bound {bound:R}");
        }
    }
}
