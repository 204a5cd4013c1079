using System;
using System.Linq;
using BenchmarkDotNet.Attributes;

namespace NormGen.Benchmarks.HalfPrecision;

/// <summary>
/// One large shape's layer in float and its Half twin, forward (training and eval) and backward on the same values:
/// the Half rows read and write half the bytes and convert every value in registers (see docs/benchmarks.md,
/// "16-bit tensors"). Elements per second are the shape's element count over a row's time. Both layers are called
/// through their interfaces with the full shape, as alike as the two types allow.
/// </summary>
public abstract class HalfAgainstFloatBenchmark
{
    private float[] _input = [], _output = [], _outputGrad = [], _inputGrad = [];
    private Half[] _inputHalf = [], _outputHalf = [], _outputGradHalf = [], _inputGradHalf = [];

    private INormalizationLayer<float> _float = null!;
    private INormalizationLayer<Half, float> _half = null!;

    /// <summary>Every extent, in layout order.</summary>
    protected abstract int[] Shape { get; }

    /// <summary>Elements of the shape.</summary>
    public int Count => Shape.Aggregate(1, (product, extent) => product * extent);

    /// <summary>The float layer and its Half twin, new.</summary>
    protected abstract (INormalizationLayer<float> Float, INormalizationLayer<Half, float> Half) CreateLayers();

    public bool Training { set => _float.Training = _half.Training = value; }

    /// <summary>Buffers of the shape with values in 0.5 ± 2 (input) and 0 ± 1 (output gradient), the same in both types,
    /// and fresh layers.</summary>
    public void Allocate()
    {
        var random = new Random(20261204);
        _inputHalf = new Half[Count];
        _outputGradHalf = new Half[Count];
        for (int i = 0; i < Count; i++)
        {
            _inputHalf[i] = (Half)(0.5 + (4 * random.NextDouble()) - 2);
            _outputGradHalf[i] = (Half)((2 * random.NextDouble()) - 1);
        }

        _outputHalf = new Half[Count];
        _inputGradHalf = new Half[Count];
        _input = Array.ConvertAll(_inputHalf, h => (float)h);
        _outputGrad = Array.ConvertAll(_outputGradHalf, h => (float)h);
        _output = new float[Count];
        _inputGrad = new float[Count];
        (_float, _half) = CreateLayers();
    }

    [GlobalSetup(Targets = new[] { nameof(FloatForwardTrain), nameof(HalfForwardTrain) })]
    public void SetupTraining()
    {
        Allocate();
        Training = true;
    }

    [GlobalSetup(Targets = new[] { nameof(FloatForwardEval), nameof(HalfForwardEval) })]
    public void SetupEval()
    {
        SetupBackward();
        Training = false;
    }

    /// <summary>One training forward of each layer, which its backward follows.</summary>
    [GlobalSetup(Targets = new[] { nameof(FloatBackwardAfterTraining), nameof(HalfBackwardAfterTraining) })]
    public void SetupBackward()
    {
        Allocate();
        Training = true;
        RunFloatForward();
        RunHalfForward();
    }

    [Benchmark, BenchmarkCategory("Float")]
    public void FloatForwardTrain() => RunFloatForward();

    [Benchmark, BenchmarkCategory("Half")]
    public void HalfForwardTrain() => RunHalfForward();

    [Benchmark, BenchmarkCategory("Float")]
    public void FloatForwardEval() => RunFloatForward();

    [Benchmark, BenchmarkCategory("Half")]
    public void HalfForwardEval() => RunHalfForward();

    /// <summary>Backward alone, repeated after one training forward in the setup.</summary>
    [Benchmark, BenchmarkCategory("Float")]
    public void FloatBackwardAfterTraining() => RunFloatBackward();

    [Benchmark, BenchmarkCategory("Half")]
    public void HalfBackwardAfterTraining() => RunHalfBackward();

    public void RunFloatForward() => _float.Forward(_input, _output, Shape);

    public void RunHalfForward() => _half.Forward(_inputHalf, _outputHalf, Shape);

    public void RunFloatBackward() => _float.Backward(_input, _outputGrad, _inputGrad, Shape);

    public void RunHalfBackward() => _half.Backward(_inputHalf, _outputGradHalf, _inputGradHalf, Shape);
}
