using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using NormGen.Conformance.Tests.Harness;
using NormGen.Conformance.Tests.Layers;
using NormGen.Serialization;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NormGen.Conformance.Tests.Conformance;

/// <summary>
/// Weights across the boundary: a libtorch module trained a few steps has its state_dict written to a safetensors
/// file (the tensors' data through NormGen's writer) and loaded into the NormGen layer; the NormGen layer trained
/// further is saved and its file loaded into the libtorch module with load_state_dict. Each time both give the same
/// eval outputs, and the state arrives exactly.
/// </summary>
public class StateDictConformanceTests
{
    [Fact]
    public void BatchNorm2dFromLibTorchAndBack() =>
        RoundTrip(new ConstructedBatchNorm2dFloat(5), () => torch.nn.BatchNorm2d(5, dtype: torch.float32), [4, 5, 3, 6]);

    [Fact]
    public void BatchNorm2dDoubleFromLibTorchAndBack() =>
        RoundTrip(new ConstructedBatchNorm2dDouble(3), () => torch.nn.BatchNorm2d(3, dtype: torch.float64), [2, 3, 5, 5]);

    [Fact]
    public void LayerNormFromLibTorchAndBack() =>
        RoundTrip(new ConstructedLayerNormFloat(3, 4, 5), () => torch.nn.LayerNorm([3, 4, 5], dtype: torch.float32), [2, 3, 4, 5]);

    [Fact]
    public void GroupNormFromLibTorchAndBack() =>
        RoundTrip(new ConstructedGroupNormDouble(9), () => torch.nn.GroupNorm(3, 9, dtype: torch.float64), [2, 9, 3, 4]);

    private static void RoundTrip<T>(INormalizationLayer<T> layer, Func<nn.Module<Tensor, Tensor>> create, long[] shape)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        using var generator = new torch.Generator(19);
        ScalarType dtype = TensorData.DType<T>();
        using var module = create();
        TrainInLibTorch(module, shape, dtype, generator);

        string path = Path.Combine(Path.GetTempPath(), "normgen-conformance-" + Guid.NewGuid().ToString("N") + ".safetensors");
        try
        {
            SafeTensors.Save(ToStateDict(module.state_dict(), "model.norm"), path);
            using (SafeTensorsFile file = SafeTensors.Open(path)) layer.LoadStateDict(file.Tensors, "model.norm");
            AssertStateEqual(module, layer);
            AssertSameEvalOutputs(module, layer, shape, dtype, generator);

            TrainInNormGen(layer, shape, generator);
            SafeTensors.Save(layer.ToStateDict(), path);
            using (SafeTensorsFile file = SafeTensors.Open(path))
            {
                var tensors = file.Tensors.ToDictionary(p => p.Key, p => ToTensor(p.Value, dtype));
                module.load_state_dict(tensors, strict: true);
                foreach (Tensor tensor in tensors.Values) tensor.Dispose();
            }

            AssertStateEqual(module, layer);
            AssertSameEvalOutputs(module, layer, shape, dtype, generator);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Training forwards (running statistics move) and parameters set to random values, as after an optimiser.</summary>
    private static void TrainInLibTorch(nn.Module<Tensor, Tensor> module, long[] shape, ScalarType dtype, torch.Generator generator)
    {
        module.train();
        using (torch.no_grad())
        {
            for (int step = 0; step < 3; step++)
            {
                using var input = torch.randn(shape, dtype: dtype, generator: generator) * 2 + 0.5;
                module.forward(input).Dispose();
            }

            foreach (var (name, parameter) in module.named_parameters())
            {
                using var values = torch.randn(parameter.shape, dtype: dtype, generator: generator);
                parameter.copy_(values);
            }
        }
    }

    private static void TrainInNormGen<T>(INormalizationLayer<T> layer, long[] shape, torch.Generator generator)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        int[] extents = shape.Select(e => (int)e).ToArray();
        using var input = torch.randn(shape, dtype: torch.float64, generator: generator) * 3 - 1;
        T[] values = TensorData.Narrow<T>(TensorData.ToArray(input));
        var output = new T[values.Length];
        layer.Training = true;
        layer.Forward(values, output, extents);
        if (layer.Weight is not null)
        {
            for (int i = 0; i < layer.Weight.Length; i++)
            {
                layer.Weight[i] += T.CreateChecked(0.25 * (i % 3 - 1));
                layer.Bias![i] -= T.CreateChecked(0.125 * (i % 5));
            }
        }
    }

    private static void AssertSameEvalOutputs<T>(nn.Module<Tensor, Tensor> module, INormalizationLayer<T> layer, long[] shape, ScalarType dtype, torch.Generator generator)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        using var input64 = torch.randn(shape, dtype: torch.float64, generator: generator) * 2;
        T[] values = TensorData.Narrow<T>(TensorData.ToArray(input64));
        module.eval();
        using var input = TensorData.ToTensor(TensorData.Widen<T>(values), shape, dtype);
        double[] expected;
        using (torch.no_grad())
        using (var output = module.forward(input))
        {
            expected = TensorData.ToArray(output);
        }

        var actual = new T[values.Length];
        layer.Training = false;
        layer.Forward(values, actual, shape.Select(e => (int)e).ToArray());
        Closeness.AssertClose("eval output", expected, TensorData.Widen<T>(actual), Tolerances.Forward<T>());
    }

    /// <summary>Every tensor of the module's state_dict equals the layer's array, value for value.</summary>
    private static void AssertStateEqual<T>(nn.Module<Tensor, Tensor> module, INormalizationLayer<T> layer)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        Dictionary<string, Tensor> state = module.state_dict();
        StateDict ours = layer.ToStateDict();
        Assert.Equal(state.Keys.OrderBy(k => k, StringComparer.Ordinal), ours.Keys.OrderBy(k => k, StringComparer.Ordinal));
        foreach (var (name, tensor) in state)
        {
            Assert.Equal(tensor.shape, ours[name].Shape.ToArray());
            if (tensor.dtype == ScalarType.Int64) Assert.Equal(tensor.data<long>().ToArray(), ours[name].ToInt64Array());
            else Assert.Equal(TensorData.ToArray(tensor), ours[name].ToDoubleArray());
        }
    }

    /// <summary>A libtorch state_dict as NormGen tensors under a prefix, the data copied out of libtorch.</summary>
    private static StateDict ToStateDict(Dictionary<string, Tensor> state, string prefix)
    {
        var result = new StateDict();
        foreach (var (name, tensor) in state)
        {
            using var contiguous = tensor.detach().contiguous();
            result.Add(prefix + "." + name, contiguous.dtype switch
            {
                ScalarType.Float32 => StateTensor.FromSingle(contiguous.data<float>().ToArray(), tensor.shape),
                ScalarType.Float64 => StateTensor.FromDouble(contiguous.data<double>().ToArray(), tensor.shape),
                ScalarType.Int64 => StateTensor.FromInt64(contiguous.data<long>().ToArray(), tensor.shape),
                _ => throw new NotSupportedException(name + " is " + contiguous.dtype),
            });
        }

        return result;
    }

    private static Tensor ToTensor(StateTensor tensor, ScalarType dtype) => tensor.DType == TensorDType.I64
        ? torch.tensor(tensor.ToInt64Array(), tensor.Shape.ToArray())
        : torch.tensor(tensor.ToDoubleArray(), tensor.Shape.ToArray(), ScalarType.Float64).to_type(dtype);
}
