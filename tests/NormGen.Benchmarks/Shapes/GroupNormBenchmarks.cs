using System;
using BenchmarkDotNet.Attributes;
using NormGen.Benchmarks.Baselines;
using TorchSharp;
using static TorchSharp.torch;

namespace NormGen.Benchmarks.Shapes;

/// <summary>GroupNorm(32, 256) on 8×256×32×32, NCHW.</summary>
[BenchmarkCategory("GroupNorm", "Large")]
public class GroupNormNchwLarge : ThreadedNormalizationBenchmark
{
    private const int Batch = 8, Channels = 256, Groups = 32, Height = 32, Width = 32;
    private GroupNormNchw256 _layer = null!;

    protected override int[] Shape => [Batch, Channels, Height, Width];

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override int LayerThreads { set => _layer.MaxDegreeOfParallelism = value; }

    protected override void CreateLayers()
    {
        _layer = new GroupNormNchw256();
        _layer.Reserve(Batch, Height, Width);
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) =>
        _layer.Forward(input, output, Batch, Height, Width);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, Batch, Height, Width);

    private protected override (IHandWrittenLayer Scalar, IHandWrittenLayer Vector) CreateBaselines() =>
        new GroupNormBaseline(Batch, Channels, Groups, Height * Width, channelsLast: false).Baselines();

    protected override nn.Module<Tensor, Tensor> CreateTorchModule() => nn.GroupNorm(Groups, Channels);
}

/// <summary>GroupNorm(32, 256) on 8×256×32×32 stored channels-last (NHWC); libtorch gets a channels-last tensor.</summary>
[BenchmarkCategory("GroupNorm", "Large")]
public class GroupNormNhwcLarge : ThreadedNormalizationBenchmark
{
    private const int Batch = 8, Channels = 256, Groups = 32, Height = 32, Width = 32;
    private GroupNormNhwc256 _layer = null!;

    protected override int[] Shape => [Batch, Height, Width, Channels];

    protected override long[]? TorchPermutation => [0, 3, 1, 2];

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override int LayerThreads { set => _layer.MaxDegreeOfParallelism = value; }

    protected override void CreateLayers()
    {
        _layer = new GroupNormNhwc256();
        _layer.Reserve(Batch, Height, Width);
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) =>
        _layer.Forward(input, output, Batch, Height, Width);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, Batch, Height, Width);

    private protected override (IHandWrittenLayer Scalar, IHandWrittenLayer Vector) CreateBaselines() =>
        new GroupNormBaseline(Batch, Channels, Groups, Height * Width, channelsLast: true).Baselines();

    protected override nn.Module<Tensor, Tensor> CreateTorchModule() => nn.GroupNorm(Groups, Channels);
}
