using BenchmarkDotNet.Attributes;

namespace NormGen.Benchmarks;

/// <summary>
/// Shapes whose NormGen layer can use several threads (<c>MaxDegreeOfParallelism</c>): channels-first layers share
/// their statistics among them, channels-last layers their statistics and gradient sums (by samples, or by chunks of
/// rows) and their normalisation and input-gradient passes. The same training rows with two threads, beside libtorch on all threads.
/// </summary>
public abstract class ThreadedNormalizationBenchmark : NormalizationBenchmark
{
    /// <summary>Sets the NormGen layer's <c>MaxDegreeOfParallelism</c>.</summary>
    protected abstract int LayerThreads { set; }

    [GlobalSetup(Target = nameof(NormGenTwoThreadsForwardTrain))]
    public void SetupTwoThreadsTraining()
    {
        SetupTraining();
        LayerThreads = 2;
    }

    [GlobalSetup(Target = nameof(NormGenTwoThreadsBackward))]
    public void SetupTwoThreadsBackward()
    {
        SetupBackward();
        LayerThreads = 2;
    }

    [Benchmark, BenchmarkCategory("NormGen")]
    public void NormGenTwoThreadsForwardTrain() => NormGenForwardTrain();

    /// <summary>Backward with two threads where the layer splits it (BatchNorm NCHW: all of it; channels-last layers:
    /// the gradient sums by chunks of rows or by samples, then the input gradient by rows); the other layers run it on
    /// one.</summary>
    [Benchmark, BenchmarkCategory("NormGen")]
    public void NormGenTwoThreadsBackward() => NormGenBackward();
}
