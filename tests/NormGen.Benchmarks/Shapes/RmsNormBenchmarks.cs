using System;
using BenchmarkDotNet.Attributes;
using NormGen.Benchmarks.Baselines;
using TorchSharp;
using static TorchSharp.torch;

namespace NormGen.Benchmarks.Shapes;

/// <summary>RMSNorm(4096) on 8192×4096 (Layout "NC", Axes "C", Center = false): a language model's hidden states,
/// 128 MB a tensor, far beyond the caches.</summary>
[BenchmarkCategory("RMSNorm", "Large")]
public class RmsNormLarge : ThreadedNormalizationBenchmark
{
    private const int Rows = 8192, Features = 4096;
    private RmsNorm4096 _layer = null!;

    protected override int[] Shape => [Rows, Features];

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override int LayerThreads { set => _layer.MaxDegreeOfParallelism = value; }

    protected override void CreateLayers()
    {
        _layer = new RmsNorm4096();
        _layer.Reserve(Rows);
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) => _layer.Forward(input, output, Rows);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, Rows);

    private protected override (IHandWrittenLayer Scalar, IHandWrittenLayer Vector) CreateBaselines() =>
        (new ScalarRms(Rows, Features), new VectorRms(Rows, Features));

    protected override nn.Module<Tensor, Tensor> CreateTorchModule() => new TorchRmsNorm(Features);
}

/// <summary>RMSNorm(4096) on 1×4096: one token's hidden state, as in generating text a token at a time.</summary>
[BenchmarkCategory("RMSNorm", "Small")]
public class RmsNormSmall : NormalizationBenchmark
{
    private const int Rows = 1, Features = 4096;
    private RmsNorm4096 _layer = null!;

    protected override int[] Shape => [Rows, Features];

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override void CreateLayers()
    {
        _layer = new RmsNorm4096();
        _layer.Reserve(Rows);
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) => _layer.Forward(input, output, Rows);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, Rows);

    private protected override (IHandWrittenLayer Scalar, IHandWrittenLayer Vector) CreateBaselines() =>
        (new ScalarRms(Rows, Features), new VectorRms(Rows, Features));

    protected override nn.Module<Tensor, Tensor> CreateTorchModule() => new TorchRmsNorm(Features);
}
