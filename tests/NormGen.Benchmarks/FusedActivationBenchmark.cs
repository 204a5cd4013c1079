using System;
using System.Numerics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using NormGen.Runtime;

namespace NormGen.Benchmarks;

/// <summary>
/// A layer with a fused activation against the same layer without one followed by the activation as its own pass
/// (what a model without fusion runs): forward-train, and backward, where the unfused sequence first takes
/// dz = dy * act'(z) from the normalisation's stored output z, then the normalisation's backward with dz. Both sides call
/// the same vector activation functions, so the difference is the passes over memory.
/// </summary>
public abstract class FusedActivationBenchmark
{
    private float[] _input = [];
    private float[] _output = [];
    private float[] _outputGrad = [];
    private float[] _inputGrad = [];
    private float[] _activationGrad = [];

    protected abstract int Elements { get; }

    protected abstract void CreateLayers();

    protected abstract void FusedForward(ReadOnlySpan<float> input, Span<float> output);

    protected abstract void FusedBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad);

    protected abstract void PlainForward(ReadOnlySpan<float> input, Span<float> output);

    protected abstract void PlainBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad);

    /// <summary>The activation in place, one vector at a time.</summary>
    protected abstract Vector<float> Activate(Vector<float> z);

    protected abstract Vector<float> ActivateBackward(Vector<float> z, Vector<float> dy);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _input = new float[Elements];
        _output = new float[Elements];
        _outputGrad = new float[Elements];
        _inputGrad = new float[Elements];
        _activationGrad = new float[Elements];
        for (int i = 0; i < Elements; i++)
        {
            _input[i] = (float)(random.NextDouble() * 4 - 2);
            _outputGrad[i] = (float)(random.NextDouble() - 0.5);
        }

        CreateLayers();
        FusedForward(_input, _output);
        PlainForward(_input, _output);
    }

    [Benchmark]
    public void FusedForwardTrain() => FusedForward(_input, _output);

    [Benchmark]
    public void UnfusedForwardTrain()
    {
        PlainForward(_input, _output);
        ApplyInPlace(_output);
    }

    /// <summary>After the setup's forward of each layer: the fused layer recomputes z from x and its statistics.</summary>
    [Benchmark]
    public void FusedBackward() => FusedBackward(_input, _outputGrad, _inputGrad);

    /// <summary>dz from the stored pre-activation output (the plain layer's output), then the normalisation backward.</summary>
    [Benchmark]
    public void UnfusedBackward()
    {
        ActivationGradient(_output, _outputGrad, _activationGrad);
        PlainBackward(_input, _activationGrad, _inputGrad);
    }

    private void ApplyInPlace(Span<float> values)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        for (int i = 0; i < vectors.Length; i++)
        {
            vectors[i] = Activate(vectors[i]);
        }
    }

    private void ActivationGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> dy, Span<float> dz)
    {
        var zv = MemoryMarshal.Cast<float, Vector<float>>(z);
        var dyv = MemoryMarshal.Cast<float, Vector<float>>(dy);
        var dzv = MemoryMarshal.Cast<float, Vector<float>>(dz);
        for (int i = 0; i < zv.Length; i++)
        {
            dzv[i] = ActivateBackward(zv[i], dyv[i]);
        }
    }
}

/// <summary>LayerNorm(768) on 8192×768 then GELU (exact): a transformer block's normalisation.</summary>
public class LayerNorm768GeluFusion : FusedActivationBenchmark
{
    private const int Rows = 8192;
    private LayerNorm768Gelu _fused = null!;
    private LayerNorm768 _plain = null!;

    protected override int Elements => Rows * 768;

    protected override void CreateLayers()
    {
        _fused = new LayerNorm768Gelu();
        _plain = new LayerNorm768();
        _fused.Reserve(Rows);
        _plain.Reserve(Rows);
    }

    protected override void FusedForward(ReadOnlySpan<float> input, Span<float> output) => _fused.Forward(input, output, Rows);

    protected override void FusedBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) => _fused.Backward(input, outputGrad, inputGrad, Rows);

    protected override void PlainForward(ReadOnlySpan<float> input, Span<float> output) => _plain.Forward(input, output, Rows);

    protected override void PlainBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) => _plain.Backward(input, outputGrad, inputGrad, Rows);

    protected override Vector<float> Activate(Vector<float> z) => Activations.Gelu(z);

    protected override Vector<float> ActivateBackward(Vector<float> z, Vector<float> dy) => Activations.GeluBackward(z, dy);
}

/// <summary>BatchNorm2d(64) on 32×64×56×56 NCHW then ReLU: a ResNet stem.</summary>
public class BatchNorm2dReluFusion : FusedActivationBenchmark
{
    private BatchNorm2dNchw64Relu _fused = null!;
    private BatchNorm2dNchw64 _plain = null!;

    protected override int Elements => 32 * 64 * 56 * 56;

    protected override void CreateLayers()
    {
        _fused = new BatchNorm2dNchw64Relu();
        _plain = new BatchNorm2dNchw64();
    }

    protected override void FusedForward(ReadOnlySpan<float> input, Span<float> output) => _fused.Forward(input, output, 32, 56, 56);

    protected override void FusedBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) => _fused.Backward(input, outputGrad, inputGrad, 32, 56, 56);

    protected override void PlainForward(ReadOnlySpan<float> input, Span<float> output) => _plain.Forward(input, output, 32, 56, 56);

    protected override void PlainBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) => _plain.Backward(input, outputGrad, inputGrad, 32, 56, 56);

    protected override Vector<float> Activate(Vector<float> z) => Activations.Relu(z);

    protected override Vector<float> ActivateBackward(Vector<float> z, Vector<float> dy) => Activations.ReluBackward(z, dy);
}
