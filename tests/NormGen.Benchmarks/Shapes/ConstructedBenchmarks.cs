using System;

namespace NormGen.Benchmarks.Shapes;

// Each large shape again with the layer sized at construction; every other row (baselines, libtorch, the copy floor)
// is the fixed shape's. Run the NormGen rows of both: --filter '*Large*' --allCategories NormGen.

/// <summary>BatchNorm2d(64) on 32×64×56×56, NCHW, channels given to the constructor.</summary>
public class BatchNorm2dNchwLargeConstructed : BatchNorm2dNchwLarge
{
    private BatchNorm2dNchw _layer = null!;

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override int LayerThreads { set => _layer.MaxDegreeOfParallelism = value; }

    protected override void CreateLayers() => _layer = new BatchNorm2dNchw(64);

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) => _layer.Forward(input, output, 32, 56, 56);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, 32, 56, 56);
}

/// <summary>BatchNorm2d(64) on 32×56×56×64, NHWC, channels given to the constructor.</summary>
public class BatchNorm2dNhwcLargeConstructed : BatchNorm2dNhwcLarge
{
    private BatchNorm2dNhwc _layer = null!;

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override int LayerThreads { set => _layer.MaxDegreeOfParallelism = value; }

    protected override void CreateLayers() => _layer = new BatchNorm2dNhwc(64);

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) => _layer.Forward(input, output, 32, 56, 56);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, 32, 56, 56);
}

/// <summary>BatchNorm1d(1024) on 256×1024, channels given to the constructor.</summary>
public class BatchNorm1dLargeConstructed : BatchNorm1dLarge
{
    private BatchNorm1d _layer = null!;

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override int LayerThreads { set => _layer.MaxDegreeOfParallelism = value; }

    protected override void CreateLayers() => _layer = new BatchNorm1d(1024);

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) => _layer.Forward(input, output, 256);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, 256);
}

/// <summary>LayerNorm(768) on 8192×768, the feature count given to the constructor.</summary>
public class LayerNormLargeConstructed : LayerNormLarge
{
    private LayerNormRows _layer = null!;

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override int LayerThreads { set => _layer.MaxDegreeOfParallelism = value; }

    protected override void CreateLayers()
    {
        _layer = new LayerNormRows(768);
        _layer.Reserve(8192);
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) => _layer.Forward(input, output, 8192);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, 8192);
}

/// <summary>GroupNorm(32, 256) on 8×256×32×32, NCHW, channels given to the constructor.</summary>
public class GroupNormNchwLargeConstructed : GroupNormNchwLarge
{
    private GroupNormNchw _layer = null!;

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override int LayerThreads { set => _layer.MaxDegreeOfParallelism = value; }

    protected override void CreateLayers()
    {
        _layer = new GroupNormNchw(256);
        _layer.Reserve(8, 32, 32);
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) => _layer.Forward(input, output, 8, 32, 32);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, 8, 32, 32);
}

/// <summary>GroupNorm(32, 256) on 8×32×32×256, NHWC, channels given to the constructor.</summary>
public class GroupNormNhwcLargeConstructed : GroupNormNhwcLarge
{
    private GroupNormNhwc _layer = null!;

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override int LayerThreads { set => _layer.MaxDegreeOfParallelism = value; }

    protected override void CreateLayers()
    {
        _layer = new GroupNormNhwc(256);
        _layer.Reserve(8, 32, 32);
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) => _layer.Forward(input, output, 8, 32, 32);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, 8, 32, 32);
}

/// <summary>InstanceNorm2d(64, affine=True) on 8×64×64×64, NCHW, channels given to the constructor.</summary>
public class InstanceNorm2dLargeConstructed : InstanceNorm2dLarge
{
    private InstanceNorm2d _layer = null!;

    protected override bool LayerTraining { set => _layer.Training = value; }

    protected override int LayerThreads { set => _layer.MaxDegreeOfParallelism = value; }

    protected override void CreateLayers()
    {
        _layer = new InstanceNorm2d(64);
        _layer.Reserve(8, 64, 64);
    }

    protected override void LayerForward(ReadOnlySpan<float> input, Span<float> output) => _layer.Forward(input, output, 8, 64, 64);

    protected override void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad) =>
        _layer.Backward(input, outputGrad, inputGrad, 8, 64, 64);
}
