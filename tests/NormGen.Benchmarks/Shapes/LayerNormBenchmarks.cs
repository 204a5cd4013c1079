using System;
using BenchmarkDotNet.Attributes;
using NormGen.Benchmarks.Baselines;
using TorchSharp;
using static TorchSharp.torch;

namespace NormGen.Benchmarks.Shapes;

/// <summary>LayerNorm(768) on 8192×768 (Layout "NC", Axes "C", element-wise affine).</summary>
[BenchmarkCategory("LayerNorm", "Large")]
public class LayerNormLarge : ThreadedNormalizationBenchmark
{
    private const int Rows = 8192, Features = 768;
    private LayerNorm768 _layer = null!;

    protected override int[] Shape => [Rows, Features];

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override int LayerThreads { set => _layer.MaxDegreeOfParallelism = value; }

    protected override void CreateLayers()
    {
        _layer = new LayerNorm768();
        _layer.Reserve(Rows);
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) => _layer.Forward(input, output, Rows);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, Rows);

    private protected override (IHandWrittenLayer Scalar, IHandWrittenLayer Vector) CreateBaselines() =>
        StatisticsView.ElementwiseAffine(Rows, Features).Baselines();

    protected override nn.Module<Tensor, Tensor> CreateTorchModule() => nn.LayerNorm(Features);
}

/// <summary>LayerNorm(64) on 1×64: a single small row, where per-call overhead dominates.</summary>
[BenchmarkCategory("LayerNorm", "Small")]
public class LayerNormSmall : NormalizationBenchmark
{
    private const int Rows = 1, Features = 64;
    private LayerNorm64 _layer = null!;

    protected override int[] Shape => [Rows, Features];

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override void CreateLayers()
    {
        _layer = new LayerNorm64();
        _layer.Reserve(Rows);
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) => _layer.Forward(input, output, Rows);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, Rows);

    private protected override (IHandWrittenLayer Scalar, IHandWrittenLayer Vector) CreateBaselines() =>
        StatisticsView.ElementwiseAffine(Rows, Features).Baselines();

    protected override nn.Module<Tensor, Tensor> CreateTorchModule() => nn.LayerNorm(Features);
}
