using NormGen.Conformance.Tests.Harness;
using NormGen.Conformance.Tests.Layers;
using TorchSharp;
using Xunit;

namespace NormGen.Conformance.Tests.Conformance;

/// <summary>
/// Where NormGen's instance-style running statistics go beyond PyTorch. PyTorch's InstanceNorm with
/// track_running_stats never increments <c>num_batches_tracked</c> and passes <c>momentum=None</c> to the kernel as 0
/// (running statistics frozen); NormGen counts every training forward and, with <c>CumulativeAverage</c>, uses the
/// factor 1/count exactly as BatchNorm does.
/// </summary>
public class InstanceNormRunningStatsTests
{
    [Fact]
    public void LibTorchInstanceNormDoesNotCountBatchesWhileNormGenDoes()
    {
        using var scope = torch.NewDisposeScope();
        using var module = torch.nn.InstanceNorm2d(3, affine: true, track_running_stats: true, dtype: torch.float64);
        var layer = new InstanceNorm2dAffineTrackedDouble();
        var generator = new torch.Generator(11);
        var input = new double[3 * 3 * 7 * 9];
        var output = new double[input.Length];
        for (int step = 1; step <= ConformanceRun.TrainingSteps; step++)
        {
            using var x = torch.randn([3, 3, 7, 9], dtype: torch.float64, generator: generator);
            using var y = module.forward(x);
            TensorData.ToArray(x).CopyTo(input, 0);
            layer.Forward(input, output, [3, 3, 7, 9]);
        }

        // TorchSharp stores the counter in the module's dtype.
        Assert.Equal(0.0, TensorData.ToArray(module.num_batches_tracked!)[0]);
        Assert.Equal(ConformanceRun.TrainingSteps, layer.NumBatchesTracked);
    }

    /// <summary>The running statistics of a cumulative average, compared with libtorch's kernel driven at factor 1/k.</summary>
    [Fact]
    public void CumulativeAverageFollowsBatchNormRuleDouble() =>
        ConformanceRun.Run(new InstanceNorm2dCumulativeDouble(), TorchNorm.Instance(3, affine: true, trackRunningStats: true, momentum: null), "NCHW", [3, 3, 7, 9]);
}
