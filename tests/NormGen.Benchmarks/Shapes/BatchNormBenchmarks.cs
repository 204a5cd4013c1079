using System;
using BenchmarkDotNet.Attributes;
using NormGen.Benchmarks.Baselines;
using TorchSharp;
using static TorchSharp.torch;

namespace NormGen.Benchmarks.Shapes;

/// <summary>BatchNorm2d(64) on 32×64×56×56, NCHW.</summary>
[BenchmarkCategory("BatchNorm2d", "Large")]
public class BatchNorm2dNchwLarge : ThreadedNormalizationBenchmark
{
    private const int Batch = 32, Channels = 64, Height = 56, Width = 56;
    private BatchNorm2dNchw64 _layer = null!;

    protected override int[] Shape => [Batch, Channels, Height, Width];

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override int LayerThreads { set => _layer.MaxDegreeOfParallelism = value; }

    protected override void CreateLayers()
    {
        _layer = new BatchNorm2dNchw64();
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) =>
        _layer.Forward(input, output, Batch, Height, Width);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, Batch, Height, Width);

    private protected override (IHandWrittenLayer Scalar, IHandWrittenLayer Vector) CreateBaselines() =>
        StatisticsView.PerChannel(Batch, Channels, Height * Width, Channels, runningStatistics: true).Baselines();

    protected override nn.Module<Tensor, Tensor> CreateTorchModule() => nn.BatchNorm2d(Channels);
}

/// <summary>BatchNorm2d(64) on 32×64×56×56 stored channels-last (NHWC); libtorch gets a channels-last tensor.</summary>
[BenchmarkCategory("BatchNorm2d", "Large")]
public class BatchNorm2dNhwcLarge : ThreadedNormalizationBenchmark
{
    private const int Batch = 32, Channels = 64, Height = 56, Width = 56;
    private BatchNorm2dNhwc64 _layer = null!;

    protected override int[] Shape => [Batch, Height, Width, Channels];

    protected override long[]? TorchPermutation => [0, 3, 1, 2];

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override int LayerThreads { set => _layer.MaxDegreeOfParallelism = value; }

    protected override void CreateLayers()
    {
        _layer = new BatchNorm2dNhwc64();
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) =>
        _layer.Forward(input, output, Batch, Height, Width);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, Batch, Height, Width);

    private protected override (IHandWrittenLayer Scalar, IHandWrittenLayer Vector) CreateBaselines() =>
        StatisticsView.PerChannel(Batch * Height * Width, Channels, 1, Channels, runningStatistics: true).Baselines();

    protected override nn.Module<Tensor, Tensor> CreateTorchModule() => nn.BatchNorm2d(Channels);
}

/// <summary>BatchNorm1d(1024) on 256×1024.</summary>
[BenchmarkCategory("BatchNorm1d", "Large")]
public class BatchNorm1dLarge : ThreadedNormalizationBenchmark
{
    private const int Batch = 256, Channels = 1024;
    private BatchNorm1d1024 _layer = null!;

    protected override int[] Shape => [Batch, Channels];

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override int LayerThreads { set => _layer.MaxDegreeOfParallelism = value; }

    protected override void CreateLayers()
    {
        _layer = new BatchNorm1d1024();
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) => _layer.Forward(input, output, Batch);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, Batch);

    private protected override (IHandWrittenLayer Scalar, IHandWrittenLayer Vector) CreateBaselines() =>
        StatisticsView.PerChannel(Batch, Channels, 1, Channels, runningStatistics: true).Baselines();

    protected override nn.Module<Tensor, Tensor> CreateTorchModule() => nn.BatchNorm1d(Channels);
}

/// <summary>BatchNorm2d(1024) on 256×1024×1×1, NCHW: the input after a global pooling, the same values as the
/// BatchNorm1d rows in a channels-first layout whose spatial axes have extent 1.</summary>
[BenchmarkCategory("BatchNorm2d", "Pooled")]
public class BatchNorm2dPooled : NormalizationBenchmark
{
    private const int Batch = 256, Channels = 1024;
    private BatchNorm2dNchw1024 _layer = null!;

    protected override int[] Shape => [Batch, Channels, 1, 1];

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override void CreateLayers()
    {
        _layer = new BatchNorm2dNchw1024();
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) => _layer.Forward(input, output, Batch, 1, 1);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, Batch, 1, 1);

    private protected override (IHandWrittenLayer Scalar, IHandWrittenLayer Vector) CreateBaselines() =>
        StatisticsView.PerChannel(Batch, Channels, 1, Channels, runningStatistics: true).Baselines();

    protected override nn.Module<Tensor, Tensor> CreateTorchModule() => nn.BatchNorm2d(Channels);
}

/// <summary>BatchNorm2d(256) on 256×256×2×2, NCHW: feature maps of four values, shorter than a vector.</summary>
[BenchmarkCategory("BatchNorm2d", "Pooled")]
public class BatchNorm2dTinyMaps : NormalizationBenchmark
{
    private const int Batch = 256, Channels = 256, Height = 2, Width = 2;
    private BatchNorm2dNchw256 _layer = null!;

    protected override int[] Shape => [Batch, Channels, Height, Width];

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override void CreateLayers()
    {
        _layer = new BatchNorm2dNchw256();
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) => _layer.Forward(input, output, Batch, Height, Width);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, Batch, Height, Width);

    private protected override (IHandWrittenLayer Scalar, IHandWrittenLayer Vector) CreateBaselines() =>
        StatisticsView.PerChannel(Batch, Channels, Height * Width, Channels, runningStatistics: true).Baselines();

    protected override nn.Module<Tensor, Tensor> CreateTorchModule() => nn.BatchNorm2d(Channels);
}

/// <summary>BatchNorm2d(16) on 4×16×8×8, NCHW: a small call, where per-call overhead dominates.</summary>
[BenchmarkCategory("BatchNorm2d", "Small")]
public class BatchNorm2dSmall : NormalizationBenchmark
{
    private const int Batch = 4, Channels = 16, Height = 8, Width = 8;
    private BatchNorm2dNchw16 _layer = null!;

    protected override int[] Shape => [Batch, Channels, Height, Width];

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override void CreateLayers()
    {
        _layer = new BatchNorm2dNchw16();
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) =>
        _layer.Forward(input, output, Batch, Height, Width);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, Batch, Height, Width);

    private protected override (IHandWrittenLayer Scalar, IHandWrittenLayer Vector) CreateBaselines() =>
        StatisticsView.PerChannel(Batch, Channels, Height * Width, Channels, runningStatistics: true).Baselines();

    protected override nn.Module<Tensor, Tensor> CreateTorchModule() => nn.BatchNorm2d(Channels);
}
