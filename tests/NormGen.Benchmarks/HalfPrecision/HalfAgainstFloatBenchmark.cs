using System;
using BenchmarkDotNet.Attributes;

namespace NormGen.Benchmarks.HalfPrecision;

/// <summary>
/// One large shape's layer in float and its Half twin, forward (training and eval) and backward on the same values:
/// the Half rows read and write half the bytes and convert every value in registers (see docs/benchmarks.md,
/// "16-bit tensors"). Elements per second are the shape's element count over a row's time.
/// </summary>
public abstract class HalfAgainstFloatBenchmark
{
    private float[] _input = [], _output = [], _outputGrad = [], _inputGrad = [];
    private Half[] _inputHalf = [], _outputHalf = [], _outputGradHalf = [], _inputGradHalf = [];

    /// <summary>Elements of the shape.</summary>
    public abstract int Count { get; }

    /// <summary>Creates both layers.</summary>
    public abstract void CreateLayers();

    public abstract bool Training { set; }

    public abstract void FloatForward(ReadOnlySpan<float> input, Span<float> output);

    public abstract void FloatBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad);

    public abstract void HalfForward(ReadOnlySpan<Half> input, Span<Half> output);

    public abstract void HalfBackward(ReadOnlySpan<Half> input, ReadOnlySpan<Half> outputGrad, Span<Half> inputGrad);

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
        CreateLayers();
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

    public void RunFloatForward() => FloatForward(_input, _output);

    public void RunHalfForward() => HalfForward(_inputHalf, _outputHalf);

    public void RunFloatBackward() => FloatBackward(_input, _outputGrad, _inputGrad);

    public void RunHalfBackward() => HalfBackward(_inputHalf, _outputGradHalf, _inputGradHalf);
}
