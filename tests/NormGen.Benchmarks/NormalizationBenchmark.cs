using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using TorchSharp;
using static TorchSharp.torch;

namespace NormGen.Benchmarks;

/// <summary>
/// The rows measured for every shape: the NormGen layer, two hand-written baselines, libtorch through TorchSharp and
/// a plain copy of the same bytes (the floor: a forward must read the input once and write the output once). Every
/// buffer and tensor is made in a setup; each row has its own setup so it prepares only what it uses.
/// </summary>
public abstract class NormalizationBenchmark
{
    private float[] _input = [];
    private float[] _output = [];
    private float[] _outputGrad = [];
    private float[] _inputGrad = [];
    private nn.Module<Tensor, Tensor>? _module;
    private Tensor? _torchLeaf;
    private Tensor? _torchInput;
    private Tensor? _torchOutput;
    private Tensor? _torchOutputGradStorage;
    private Tensor? _torchOutputGrad;
    private Tensor[] _torchGradTargets = [];
    private bool _allThreads;

    /// <summary>Every extent in layout order, the order of the values in memory.</summary>
    protected abstract int[] Shape { get; }

    /// <summary>The axis order that turns the layout-order tensor into libtorch's (N, C, ...), or null when they agree.</summary>
    protected virtual long[]? TorchPermutation => null;

    /// <summary>Creates the NormGen layer (reserving its statistics for the shape, where it has per-call statistic counts) and the baselines' state.</summary>
    protected abstract void CreateLayers();

    protected abstract bool LayerTraining { set; }

    protected abstract void LayerForward(ReadOnlySpan<float> input, Span<float> output);

    protected abstract void LayerBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> outputGrad, Span<float> inputGrad);

    protected abstract void PlainScalarForward(ReadOnlySpan<float> input, Span<float> output);

    protected abstract void PlainVectorForward(ReadOnlySpan<float> input, Span<float> output);

    /// <summary>The PyTorch module; γ and β are set to 1 and 0 afterwards, as the NormGen layer starts.</summary>
    protected abstract nn.Module<Tensor, Tensor> CreateTorchModule();

    [GlobalSetup(Targets = new[] { nameof(NormGenForwardTrain), nameof(ScalarForwardTrain), nameof(VectorForwardTrain), nameof(CopyFloor) })]
    public void SetupTraining()
    {
        Allocate();
        LayerTraining = true;
    }

    [GlobalSetup(Target = nameof(NormGenForwardEval))]
    public void SetupEval()
    {
        Allocate();
        LayerTraining = true;
        LayerForward(_input, _output);
        LayerTraining = false;
    }

    [GlobalSetup(Target = nameof(NormGenBackward))]
    public void SetupBackward()
    {
        Allocate();
        LayerTraining = true;
        LayerForward(_input, _output);
    }

    [GlobalSetup(Target = nameof(TorchForwardTrain))]
    public void SetupTorchTraining() => PrepareTorch(training: true, withGraph: false);

    [GlobalSetup(Target = nameof(TorchForwardEval))]
    public void SetupTorchEval() => PrepareTorch(training: false, withGraph: false);

    [GlobalSetup(Target = nameof(TorchBackward))]
    public void SetupTorchBackward() => PrepareTorch(training: true, withGraph: true);

    [GlobalSetup(Target = nameof(TorchAllThreadsForwardTrain))]
    public void SetupTorchAllThreads()
    {
        torch.set_num_threads(Environment.ProcessorCount);
        _allThreads = true;
        PrepareTorch(training: true, withGraph: false);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (Tensor? tensor in new[] { _torchOutputGrad, _torchOutputGradStorage, _torchOutput, _torchInput, _torchLeaf })
            tensor?.Dispose();
        _module?.Dispose();
        if (_allThreads)
            torch.set_num_threads(1);
    }

    [Benchmark, BenchmarkCategory("NormGen")]
    public void NormGenForwardTrain() => LayerForward(_input, _output);

    [Benchmark, BenchmarkCategory("NormGen")]
    public void NormGenForwardEval() => LayerForward(_input, _output);

    /// <summary>Backward alone, repeated after one training forward in the setup.</summary>
    [Benchmark, BenchmarkCategory("NormGen")]
    public void NormGenBackward() => LayerBackward(_input, _outputGrad, _inputGrad);

    [Benchmark, BenchmarkCategory("Baseline")]
    public void ScalarForwardTrain() => PlainScalarForward(_input, _output);

    [Benchmark, BenchmarkCategory("Baseline")]
    public void VectorForwardTrain() => PlainVectorForward(_input, _output);

    [Benchmark, BenchmarkCategory("libtorch")]
    public void TorchForwardTrain() => TorchForward();

    [Benchmark, BenchmarkCategory("libtorch")]
    public void TorchForwardEval() => TorchForward();

    /// <summary>
    /// libtorch's backward alone: gradients of the input, γ and β through the graph of one training forward made in
    /// the setup and kept (retain_graph), handed back by autograd.grad, so nothing accumulates into .grad.
    /// </summary>
    [Benchmark, BenchmarkCategory("libtorch")]
    public void TorchBackward()
    {
        IList<Tensor> grads = torch.autograd.grad(new[] { _torchOutput! }, _torchGradTargets, new[] { _torchOutputGrad! }, retain_graph: true);
        foreach (Tensor grad in grads)
            grad.Dispose();
    }

    [Benchmark, BenchmarkCategory("libtorch")]
    public void TorchAllThreadsForwardTrain() => TorchForward();

    [Benchmark(Baseline = true), BenchmarkCategory("Floor")]
    public void CopyFloor() => _input.AsSpan().CopyTo(_output);

    /// <summary>
    /// Runs every forward-train row once on the same input and reports the largest difference of each from the
    /// NormGen output: a check that the rows compute the same thing (they are normalised values of order 1), not a
    /// measurement.
    /// </summary>
    public string CompareForwardRows()
    {
        Allocate();
        LayerTraining = true;
        LayerForward(_input, _output);
        float[] normGen = _output.ToArray();
        PlainScalarForward(_input, _output);
        double scalar = LargestDifference(normGen, _output);
        PlainVectorForward(_input, _output);
        double vector = LargestDifference(normGen, _output);

        PrepareTorch(training: true, withGraph: false);
        double libtorch;
        using (torch.no_grad())
        {
            using Tensor output = _module!.forward(_torchInput!);
            using Tensor layoutOrder = TorchPermutation is { } order ? output.permute(Inverse(order)).contiguous() : output.contiguous();
            libtorch = LargestDifference(normGen, layoutOrder.data<float>().ToArray());
        }

        Cleanup();
        return string.Create(CultureInfo.InvariantCulture, $"scalar {scalar:E1}, Vector<float> {vector:E1}, libtorch {libtorch:E1}");
    }

    /// <summary>
    /// Bytes this thread allocates in <paramref name="calls"/> NormGen calls (forward-train, forward-eval, backward),
    /// after a first call each: unlike a whole-process count it leaves out whatever other threads of the process
    /// allocate meanwhile, and a total (not a rounded mean) shows even one stray allocation.
    /// </summary>
    public (long ForwardTrain, long ForwardEval, long Backward) AllocatedBytes(int calls)
    {
        Allocate();
        LayerTraining = true;
        LayerForward(_input, _output);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
            LayerForward(_input, _output);
        long forwardTrain = GC.GetAllocatedBytesForCurrentThread() - before;

        LayerTraining = false;
        LayerForward(_input, _output);
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
            LayerForward(_input, _output);
        long forwardEval = GC.GetAllocatedBytesForCurrentThread() - before;

        LayerTraining = true;
        LayerForward(_input, _output);
        LayerBackward(_input, _outputGrad, _inputGrad);
        before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
            LayerBackward(_input, _outputGrad, _inputGrad);
        long backward = GC.GetAllocatedBytesForCurrentThread() - before;
        return (forwardTrain, forwardEval, backward);
    }

    private static double LargestDifference(float[] expected, float[] actual) =>
        expected.Zip(actual, (e, a) => Math.Abs((double)e - a)).Max();

    private static long[] Inverse(long[] order)
    {
        var inverse = new long[order.Length];
        for (int i = 0; i < order.Length; i++)
            inverse[order[i]] = i;
        return inverse;
    }

    private void TorchForward()
    {
        using var noGrad = torch.no_grad();
        using Tensor output = _module!.forward(_torchInput!);
    }

    private void Allocate()
    {
        int count = Shape.Aggregate(1, (product, extent) => product * extent);
        var random = new Random(20240611);
        _input = Filled(count, random);
        _outputGrad = Filled(count, random);
        _output = new float[count];
        _inputGrad = new float[count];
        CreateLayers();
    }

    private static float[] Filled(int count, Random random)
    {
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
            values[i] = random.NextSingle() * 4f - 1f;
        return values;
    }

    private void PrepareTorch(bool training, bool withGraph)
    {
        Allocate();
        _module = CreateTorchModule();
        using (torch.no_grad())
        {
            foreach (var (name, parameter) in _module.named_parameters())
            {
                if (name == "weight")
                    parameter.fill_(1f);
                else
                    parameter.zero_();
            }
        }

        _module.train(training);
        long[] extents = Shape.Select(extent => (long)extent).ToArray();
        _torchLeaf = torch.tensor(_input, extents);
        if (withGraph)
            _torchLeaf.requires_grad_();
        _torchInput = TorchPermutation is { } order ? _torchLeaf.permute(order) : _torchLeaf.alias();
        if (!withGraph)
            return;

        _torchOutput = _module.forward(_torchInput);
        _torchOutputGradStorage = torch.tensor(_outputGrad, extents);
        _torchOutputGrad = TorchPermutation is { } gradOrder ? _torchOutputGradStorage.permute(gradOrder) : _torchOutputGradStorage.alias();
        _torchGradTargets = new[] { _torchLeaf }.Concat(_module.parameters()).ToArray();
    }
}
