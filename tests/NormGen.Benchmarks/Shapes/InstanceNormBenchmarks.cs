using System;
using BenchmarkDotNet.Attributes;
using NormGen.Benchmarks.Baselines;
using TorchSharp;
using static TorchSharp.torch;

namespace NormGen.Benchmarks.Shapes;

/// <summary>InstanceNorm2d(64, affine=True) on 8×64×64×64, NCHW.</summary>
[BenchmarkCategory("InstanceNorm2d", "Large")]
public class InstanceNorm2dLarge : ThreadedNormalizationBenchmark
{
    private const int Batch = 8, Channels = 64, Height = 64, Width = 64;
    private InstanceNorm2d64 _layer = null!;

    protected override int[] Shape => [Batch, Channels, Height, Width];

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override int LayerThreads { set => _layer.MaxDegreeOfParallelism = value; }

    protected override void CreateLayers()
    {
        _layer = new InstanceNorm2d64();
        _layer.Reserve(Batch, Height, Width);
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) =>
        _layer.Forward(input, output, Batch, Height, Width);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, Batch, Height, Width);

    private protected override (IHandWrittenLayer Scalar, IHandWrittenLayer Vector) CreateBaselines() =>
        StatisticsView.PerChannel(1, Batch * Channels, Height * Width, Channels, runningStatistics: false).Baselines();

    protected override nn.Module<Tensor, Tensor> CreateTorchModule() => nn.InstanceNorm2d(Channels, affine: true);
}
