using System;
using NormGen.Conformance.Tests.Harness;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace NormGen.Conformance.Tests.Conformance;

/// <summary>
/// The suite's reference (<see cref="TorchReference"/>: libtorch kernels plus PyTorch's module bookkeeping) gives
/// the same outputs and running statistics as TorchSharp's own modules where those support the configuration,
/// over training steps and an eval step. This ties every conformance case to the modules users call.
/// </summary>
public class ReferenceModuleTests
{
    [Fact]
    public void BatchNorm2dModule() =>
        Compare(torch.nn.BatchNorm2d(3, eps: 1e-3, momentum: 0.3, dtype: ScalarType.Float64),
            TorchNorm.Batch(3, eps: 1e-3, momentum: 0.3), [5, 3, 7, 9]);

    [Fact]
    public void InstanceNorm2dModuleWithRunningStats() =>
        Compare(torch.nn.InstanceNorm2d(3, affine: true, track_running_stats: true, dtype: ScalarType.Float64),
            TorchNorm.Instance(3, affine: true, trackRunningStats: true), [3, 3, 7, 9]);

    [Fact]
    public void LayerNormModule() =>
        Compare(torch.nn.LayerNorm([3, 5, 7], dtype: ScalarType.Float64), TorchNorm.Layer([3, 5, 7]), [3, 3, 5, 7]);

    [Fact]
    public void GroupNormModule() =>
        Compare(torch.nn.GroupNorm(3, 6, dtype: ScalarType.Float64), TorchNorm.Group(3, 6), [3, 6, 5, 7]);

    private static void Compare(nn.Module<Tensor, Tensor> module, TorchNorm spec, long[] shape)
    {
        using var scope = torch.NewDisposeScope();
        using var reference = new TorchReference(spec, ScalarType.Float64);
        var generator = new torch.Generator(3);
        if (reference.Weight is not null)
        {
            // Random γ and β on both sides; this also covers TorchSharp's GroupNorm, which leaves them uninitialised.
            using var weight = torch.rand(reference.Weight.shape, dtype: ScalarType.Float64, generator: generator) + 0.5;
            using var bias = torch.randn(reference.Bias!.shape, dtype: ScalarType.Float64, generator: generator);
            reference.SetAffine(TensorData.ToArray(weight), TensorData.ToArray(bias));
            using var noGrad = torch.no_grad();
            module.get_parameter("weight")!.copy_(weight);
            module.get_parameter("bias")!.copy_(bias);
        }

        for (int step = 0; step <= ConformanceRun.TrainingSteps; step++)
        {
            bool training = step < ConformanceRun.TrainingSteps;
            module.train(training);
            reference.Training = training;
            using var x = torch.randn(shape, dtype: ScalarType.Float64, generator: generator) * 1.5 + 0.5;
            using var expected = module.forward(x);
            using var actual = reference.Forward(x);
            string context = $"{module.GetType().Name}, step {step + 1} ({(training ? "training" : "eval")})";
            Closeness.AssertClose($"{context}: output", TensorData.ToArray(expected), TensorData.ToArray(actual), Tolerances.DoubleForward);
            if (reference.RunningMean is not null)
            {
                Closeness.AssertClose($"{context}: running mean", TensorData.ToArray(module.get_buffer("running_mean")!),
                    TensorData.ToArray(reference.RunningMean), Tolerances.DoubleForward);
                Closeness.AssertClose($"{context}: running variance", TensorData.ToArray(module.get_buffer("running_var")!),
                    TensorData.ToArray(reference.RunningVar!), Tolerances.DoubleForward);
            }
        }

        module.Dispose();
    }
}
