using System;
using BenchmarkDotNet.Attributes;

namespace NormGen.Benchmarks.HalfPrecision;

/// <summary>BatchNorm2d(64) on 32×64×56×56, NCHW, float against Half.</summary>
[BenchmarkCategory("HalfLarge")]
public class BatchNorm2dNchwLargeHalf : HalfAgainstFloatBenchmark
{
    private const int Batch = 32, Height = 56, Width = 56;
    private BatchNorm2dNchw64 _float = null!;
    private BatchNorm2dNchw64Half _half = null!;

    public override int Count => Batch * 64 * Height * Width;

    public override bool Training { set => _float.Training = _half.Training = value; }

    public override void CreateLayers() => (_float, _half) = (new BatchNorm2dNchw64(), new BatchNorm2dNchw64Half());

    public override void FloatForward(ReadOnlySpan<float> input, Span<float> output) => _float.Forward(input, output, Batch, Height, Width);

    public override void FloatBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) => _float.Backward(input, outputGrad, inputGrad, Batch, Height, Width);

    public override void HalfForward(ReadOnlySpan<Half> input, Span<Half> output) => _half.Forward(input, output, Batch, Height, Width);

    public override void HalfBackward(ReadOnlySpan<Half> input, ReadOnlySpan<Half> outputGrad, Span<Half> inputGrad) => _half.Backward(input, outputGrad, inputGrad, Batch, Height, Width);
}

/// <summary>BatchNorm2d(64) on 32×56×56×64, NHWC, float against Half.</summary>
[BenchmarkCategory("HalfLarge")]
public class BatchNorm2dNhwcLargeHalf : HalfAgainstFloatBenchmark
{
    private const int Batch = 32, Height = 56, Width = 56;
    private BatchNorm2dNhwc64 _float = null!;
    private BatchNorm2dNhwc64Half _half = null!;

    public override int Count => Batch * 64 * Height * Width;

    public override bool Training { set => _float.Training = _half.Training = value; }

    public override void CreateLayers() => (_float, _half) = (new BatchNorm2dNhwc64(), new BatchNorm2dNhwc64Half());

    public override void FloatForward(ReadOnlySpan<float> input, Span<float> output) => _float.Forward(input, output, Batch, Height, Width);

    public override void FloatBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) => _float.Backward(input, outputGrad, inputGrad, Batch, Height, Width);

    public override void HalfForward(ReadOnlySpan<Half> input, Span<Half> output) => _half.Forward(input, output, Batch, Height, Width);

    public override void HalfBackward(ReadOnlySpan<Half> input, ReadOnlySpan<Half> outputGrad, Span<Half> inputGrad) => _half.Backward(input, outputGrad, inputGrad, Batch, Height, Width);
}

/// <summary>LayerNorm(768) on 8192×768, float against Half.</summary>
[BenchmarkCategory("HalfLarge")]
public class LayerNormLargeHalf : HalfAgainstFloatBenchmark
{
    private const int Rows = 8192;
    private LayerNorm768 _float = null!;
    private LayerNorm768Half _half = null!;

    public override int Count => Rows * 768;

    public override bool Training { set => _float.Training = _half.Training = value; }

    public override void CreateLayers()
    {
        (_float, _half) = (new LayerNorm768(), new LayerNorm768Half());
        _float.Reserve(Rows);
        _half.Reserve(Rows);
    }

    public override void FloatForward(ReadOnlySpan<float> input, Span<float> output) => _float.Forward(input, output, Rows);

    public override void FloatBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) => _float.Backward(input, outputGrad, inputGrad, Rows);

    public override void HalfForward(ReadOnlySpan<Half> input, Span<Half> output) => _half.Forward(input, output, Rows);

    public override void HalfBackward(ReadOnlySpan<Half> input, ReadOnlySpan<Half> outputGrad, Span<Half> inputGrad) => _half.Backward(input, outputGrad, inputGrad, Rows);
}

/// <summary>RMSNorm(4096) on 8192×4096, float against Half.</summary>
[BenchmarkCategory("HalfLarge")]
public class RmsNormLargeHalf : HalfAgainstFloatBenchmark
{
    private const int Rows = 8192;
    private RmsNorm4096 _float = null!;
    private RmsNorm4096Half _half = null!;

    public override int Count => Rows * 4096;

    public override bool Training { set => _float.Training = _half.Training = value; }

    public override void CreateLayers()
    {
        (_float, _half) = (new RmsNorm4096(), new RmsNorm4096Half());
        _float.Reserve(Rows);
        _half.Reserve(Rows);
    }

    public override void FloatForward(ReadOnlySpan<float> input, Span<float> output) => _float.Forward(input, output, Rows);

    public override void FloatBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) => _float.Backward(input, outputGrad, inputGrad, Rows);

    public override void HalfForward(ReadOnlySpan<Half> input, Span<Half> output) => _half.Forward(input, output, Rows);

    public override void HalfBackward(ReadOnlySpan<Half> input, ReadOnlySpan<Half> outputGrad, Span<Half> inputGrad) => _half.Backward(input, outputGrad, inputGrad, Rows);
}

/// <summary>GroupNorm(32, 256) on 8×256×32×32, NCHW, float against Half.</summary>
[BenchmarkCategory("HalfLarge")]
public class GroupNormNchwLargeHalf : HalfAgainstFloatBenchmark
{
    private const int Batch = 8, Height = 32, Width = 32;
    private GroupNormNchw256 _float = null!;
    private GroupNormNchw256Half _half = null!;

    public override int Count => Batch * 256 * Height * Width;

    public override bool Training { set => _float.Training = _half.Training = value; }

    public override void CreateLayers()
    {
        (_float, _half) = (new GroupNormNchw256(), new GroupNormNchw256Half());
        _float.Reserve(Batch, Height, Width);
        _half.Reserve(Batch, Height, Width);
    }

    public override void FloatForward(ReadOnlySpan<float> input, Span<float> output) => _float.Forward(input, output, Batch, Height, Width);

    public override void FloatBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) => _float.Backward(input, outputGrad, inputGrad, Batch, Height, Width);

    public override void HalfForward(ReadOnlySpan<Half> input, Span<Half> output) => _half.Forward(input, output, Batch, Height, Width);

    public override void HalfBackward(ReadOnlySpan<Half> input, ReadOnlySpan<Half> outputGrad, Span<Half> inputGrad) => _half.Backward(input, outputGrad, inputGrad, Batch, Height, Width);
}

/// <summary>GroupNorm(32, 256) on 8×32×32×256, NHWC, float against Half.</summary>
[BenchmarkCategory("HalfLarge")]
public class GroupNormNhwcLargeHalf : HalfAgainstFloatBenchmark
{
    private const int Batch = 8, Height = 32, Width = 32;
    private GroupNormNhwc256 _float = null!;
    private GroupNormNhwc256Half _half = null!;

    public override int Count => Batch * 256 * Height * Width;

    public override bool Training { set => _float.Training = _half.Training = value; }

    public override void CreateLayers()
    {
        (_float, _half) = (new GroupNormNhwc256(), new GroupNormNhwc256Half());
        _float.Reserve(Batch, Height, Width);
        _half.Reserve(Batch, Height, Width);
    }

    public override void FloatForward(ReadOnlySpan<float> input, Span<float> output) => _float.Forward(input, output, Batch, Height, Width);

    public override void FloatBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) => _float.Backward(input, outputGrad, inputGrad, Batch, Height, Width);

    public override void HalfForward(ReadOnlySpan<Half> input, Span<Half> output) => _half.Forward(input, output, Batch, Height, Width);

    public override void HalfBackward(ReadOnlySpan<Half> input, ReadOnlySpan<Half> outputGrad, Span<Half> inputGrad) => _half.Backward(input, outputGrad, inputGrad, Batch, Height, Width);
}

/// <summary>InstanceNorm2d(64, affine=True) on 8×64×64×64, NCHW, float against Half.</summary>
[BenchmarkCategory("HalfLarge")]
public class InstanceNorm2dLargeHalf : HalfAgainstFloatBenchmark
{
    private const int Batch = 8, Height = 64, Width = 64;
    private InstanceNorm2d64 _float = null!;
    private InstanceNorm2d64Half _half = null!;

    public override int Count => Batch * 64 * Height * Width;

    public override bool Training { set => _float.Training = _half.Training = value; }

    public override void CreateLayers()
    {
        (_float, _half) = (new InstanceNorm2d64(), new InstanceNorm2d64Half());
        _float.Reserve(Batch, Height, Width);
        _half.Reserve(Batch, Height, Width);
    }

    public override void FloatForward(ReadOnlySpan<float> input, Span<float> output) => _float.Forward(input, output, Batch, Height, Width);

    public override void FloatBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) => _float.Backward(input, outputGrad, inputGrad, Batch, Height, Width);

    public override void HalfForward(ReadOnlySpan<Half> input, Span<Half> output) => _half.Forward(input, output, Batch, Height, Width);

    public override void HalfBackward(ReadOnlySpan<Half> input, ReadOnlySpan<Half> outputGrad, Span<Half> inputGrad) => _half.Backward(input, outputGrad, inputGrad, Batch, Height, Width);
}
