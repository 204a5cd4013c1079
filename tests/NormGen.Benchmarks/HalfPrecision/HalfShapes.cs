using System;
using BenchmarkDotNet.Attributes;

namespace NormGen.Benchmarks.HalfPrecision;

/// <summary>BatchNorm2d(64) on 32×64×56×56, NCHW, float against Half.</summary>
[BenchmarkCategory("HalfLarge")]
public class BatchNorm2dNchwLargeHalf : HalfAgainstFloatBenchmark
{
    protected override int[] Shape => [32, 64, 56, 56];

    protected override (INormalizationLayer<float> Float, INormalizationLayer<Half, float> Half) CreateLayers() => (new BatchNorm2dNchw64(), new BatchNorm2dNchw64Half());
}

/// <summary>BatchNorm2d(64) on 32×56×56×64, NHWC, float against Half.</summary>
[BenchmarkCategory("HalfLarge")]
public class BatchNorm2dNhwcLargeHalf : HalfAgainstFloatBenchmark
{
    protected override int[] Shape => [32, 56, 56, 64];

    protected override (INormalizationLayer<float> Float, INormalizationLayer<Half, float> Half) CreateLayers() => (new BatchNorm2dNhwc64(), new BatchNorm2dNhwc64Half());
}

/// <summary>LayerNorm(768) on 8192×768, float against Half.</summary>
[BenchmarkCategory("HalfLarge")]
public class LayerNormLargeHalf : HalfAgainstFloatBenchmark
{
    protected override int[] Shape => [8192, 768];

    protected override (INormalizationLayer<float> Float, INormalizationLayer<Half, float> Half) CreateLayers() => (new LayerNorm768(), new LayerNorm768Half());
}

/// <summary>RMSNorm(4096) on 8192×4096, float against Half.</summary>
[BenchmarkCategory("HalfLarge")]
public class RmsNormLargeHalf : HalfAgainstFloatBenchmark
{
    protected override int[] Shape => [8192, 4096];

    protected override (INormalizationLayer<float> Float, INormalizationLayer<Half, float> Half) CreateLayers() => (new RmsNorm4096(), new RmsNorm4096Half());
}

/// <summary>GroupNorm(32, 256) on 8×256×32×32, NCHW, float against Half.</summary>
[BenchmarkCategory("HalfLarge")]
public class GroupNormNchwLargeHalf : HalfAgainstFloatBenchmark
{
    protected override int[] Shape => [8, 256, 32, 32];

    protected override (INormalizationLayer<float> Float, INormalizationLayer<Half, float> Half) CreateLayers() => (new GroupNormNchw256(), new GroupNormNchw256Half());
}

/// <summary>GroupNorm(32, 256) on 8×32×32×256, NHWC, float against Half.</summary>
[BenchmarkCategory("HalfLarge")]
public class GroupNormNhwcLargeHalf : HalfAgainstFloatBenchmark
{
    protected override int[] Shape => [8, 32, 32, 256];

    protected override (INormalizationLayer<float> Float, INormalizationLayer<Half, float> Half) CreateLayers() => (new GroupNormNhwc256(), new GroupNormNhwc256Half());
}

/// <summary>InstanceNorm2d(64, affine=True) on 8×64×64×64, NCHW, float against Half.</summary>
[BenchmarkCategory("HalfLarge")]
public class InstanceNorm2dLargeHalf : HalfAgainstFloatBenchmark
{
    protected override int[] Shape => [8, 64, 64, 64];

    protected override (INormalizationLayer<float> Float, INormalizationLayer<Half, float> Half) CreateLayers() => (new InstanceNorm2d64(), new InstanceNorm2d64Half());
}
