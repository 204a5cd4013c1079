using System;
using System.Numerics;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using NormGen.Runtime;

namespace NormGen.Benchmarks;

/// <summary>
/// BatchNorm2d(64) on 32×64×56×56 NCHW with the residual before ReLU (a ResNet block's end) against what a model without
/// fusion runs: <c>out = bn(x); out += identity; relu_(out)</c> as three passes, and backward through ReLU from the
/// stored output (dz is also the residual's gradient), then the normalisation's backward with dz.
/// </summary>
public class BatchNorm2dResidualReluFusion
{
    private const int Batch = 32;
    private const int Side = 56;
    private const int Elements = Batch * 64 * Side * Side;
    private float[] _input = [];
    private float[] _residual = [];
    private float[] _output = [];
    private float[] _outputGrad = [];
    private float[] _inputGrad = [];
    private float[] _residualGrad = [];
    private BatchNorm2dNchw64ResidualRelu _fused = null!;
    private BatchNorm2dNchw64 _plain = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        _input = Values(random, 2);
        _residual = Values(random, 2);
        _outputGrad = Values(random, 0.5);
        _output = new float[Elements];
        _inputGrad = new float[Elements];
        _residualGrad = new float[Elements];
        _fused = new BatchNorm2dNchw64ResidualRelu();
        _plain = new BatchNorm2dNchw64();
        _fused.Forward(_input, _residual, _output, Batch, Side, Side);
        _plain.Forward(_input, _output, Batch, Side, Side);
    }

    [Benchmark]
    public void FusedForwardTrain() => _fused.Forward(_input, _residual, _output, Batch, Side, Side);

    [Benchmark]
    public void UnfusedForwardTrain()
    {
        _plain.Forward(_input, _output, Batch, Side, Side);
        UnfusedPasses.AddInPlace(_output, _residual);
        UnfusedPasses.ReluInPlace(_output);
    }

    /// <summary>Writes dr = dy * relu'(z), then the normalisation's backward with it.</summary>
    [Benchmark]
    public void FusedBackward() => _fused.Backward(_input, _residual, _outputGrad, _inputGrad, _residualGrad, Batch, Side, Side);

    /// <summary>dz from the stored ReLU output (the residual's gradient too), then the normalisation's backward.</summary>
    [Benchmark]
    public void UnfusedBackward()
    {
        UnfusedPasses.ReluGradient(_output, _outputGrad, _residualGrad);
        _plain.Backward(_input, _residualGrad, _inputGrad, Batch, Side, Side);
    }

    private static float[] Values(Random random, double spread)
    {
        var values = new float[Elements];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2 - 1) * spread);
        }

        return values;
    }
}

/// <summary>
/// LayerNorm(768) on 8192×768 with the residual before the norm (a transformer's residual stream, s = x + r written for
/// the next block) against an add pass followed by the plain LayerNorm; backward with the skip path's gradient against
/// the plain backward followed by an add pass.
/// </summary>
public class LayerNorm768SkipFusion
{
    private const int Rows = 8192;
    private const int Elements = Rows * 768;
    private float[] _input = [];
    private float[] _residual = [];
    private float[] _sum = [];
    private float[] _output = [];
    private float[] _outputGrad = [];
    private float[] _sumGrad = [];
    private float[] _inputGrad = [];
    private LayerNorm768Skip _fused = null!;
    private LayerNorm768 _plain = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2);
        _input = Values(random, 2);
        _residual = Values(random, 2);
        _outputGrad = Values(random, 0.5);
        _sumGrad = Values(random, 0.5);
        _sum = new float[Elements];
        _output = new float[Elements];
        _inputGrad = new float[Elements];
        _fused = new LayerNorm768Skip();
        _plain = new LayerNorm768();
        _fused.Reserve(Rows);
        _plain.Reserve(Rows);
        _fused.Forward(_input, _residual, _sum, _output, Rows);
        _plain.Forward(_sum, _output, Rows);
    }

    /// <summary>s = x + r written and normalised one row at a time, from cache.</summary>
    [Benchmark]
    public void FusedForwardTrain() => _fused.Forward(_input, _residual, _sum, _output, Rows);

    [Benchmark]
    public void UnfusedForwardTrain()
    {
        UnfusedPasses.Add(_input, _residual, _sum);
        _plain.Forward(_sum, _output, Rows);
    }

    [Benchmark]
    public void FusedBackward() => _fused.Backward(_sum, _outputGrad, _sumGrad, _inputGrad, Rows);

    [Benchmark]
    public void UnfusedBackward()
    {
        _plain.Backward(_sum, _outputGrad, _inputGrad, Rows);
        UnfusedPasses.AddInPlace(_inputGrad, _sumGrad);
    }

    private static float[] Values(Random random, double spread)
    {
        var values = new float[Elements];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2 - 1) * spread);
        }

        return values;
    }
}

/// <summary>The element-wise passes of the unfused sequences, one vector at a time (the lengths are multiples of it).</summary>
internal static class UnfusedPasses
{
    public static void Add(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> sum)
    {
        var av = MemoryMarshal.Cast<float, Vector<float>>(a);
        var bv = MemoryMarshal.Cast<float, Vector<float>>(b);
        var sv = MemoryMarshal.Cast<float, Vector<float>>(sum);
        for (int i = 0; i < sv.Length; i++)
        {
            sv[i] = av[i] + bv[i];
        }
    }

    public static void AddInPlace(Span<float> values, ReadOnlySpan<float> addend) => Add(values, addend, values);

    public static void ReluInPlace(Span<float> values)
    {
        var vectors = MemoryMarshal.Cast<float, Vector<float>>(values);
        for (int i = 0; i < vectors.Length; i++)
        {
            vectors[i] = Activations.Relu(vectors[i]);
        }
    }

    /// <summary>dz = dy where the stored ReLU output is positive (where z &gt; 0), else 0.</summary>
    public static void ReluGradient(ReadOnlySpan<float> output, ReadOnlySpan<float> dy, Span<float> dz)
    {
        var yv = MemoryMarshal.Cast<float, Vector<float>>(output);
        var dyv = MemoryMarshal.Cast<float, Vector<float>>(dy);
        var dzv = MemoryMarshal.Cast<float, Vector<float>>(dz);
        for (int i = 0; i < yv.Length; i++)
        {
            dzv[i] = Activations.ReluBackward(yv[i], dyv[i]);
        }
    }
}
