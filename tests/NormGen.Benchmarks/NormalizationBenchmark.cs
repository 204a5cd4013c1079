using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Attributes;
using NormGen.Benchmarks.Baselines;
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
    private IHandWrittenLayer _scalar = null!;
    private IHandWrittenLayer _vector = null!;
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

    /// <summary>The hand-written layers of the same shape: plain scalar loops and a straightforward Vector&lt;float&gt;
    /// version (made after <see cref="CreateLayers"/>).</summary>
    private protected abstract (IHandWrittenLayer Scalar, IHandWrittenLayer Vector) CreateBaselines();

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

    /// <summary>The baselines' eval and backward rows follow one training forward of the same baseline, as NormGen's.</summary>
    [GlobalSetup(Targets = new[] { nameof(ScalarForwardEval), nameof(ScalarBackward) })]
    public void SetupScalarAfterTraining()
    {
        Allocate();
        _scalar.ForwardTrain(_input, _output);
    }

    [GlobalSetup(Targets = new[] { nameof(VectorForwardEval), nameof(VectorBackward) })]
    public void SetupVectorAfterTraining()
    {
        Allocate();
        _vector.ForwardTrain(_input, _output);
    }

    [GlobalSetup(Target = nameof(TorchForwardTrain))]
    public void SetupTorchTraining() => PrepareTorch(training: true, withGraph: false);

    [GlobalSetup(Target = nameof(TorchForwardEval))]
    public void SetupTorchEval() => PrepareTorch(training: false, withGraph: false);

    [GlobalSetup(Target = nameof(TorchBackward))]
    public void SetupTorchBackward() => PrepareTorch(training: true, withGraph: true);

    [GlobalSetup(Target = nameof(TorchAllThreadsForwardTrain))]
    public void SetupTorchAllThreads() => PrepareTorchAllThreads(training: true, withGraph: false);

    [GlobalSetup(Target = nameof(TorchAllThreadsForwardEval))]
    public void SetupTorchAllThreadsEval() => PrepareTorchAllThreads(training: false, withGraph: false);

    [GlobalSetup(Target = nameof(TorchAllThreadsBackward))]
    public void SetupTorchAllThreadsBackward() => PrepareTorchAllThreads(training: true, withGraph: true);

    [GlobalCleanup]
    public void Cleanup()
    {
        foreach (Tensor? tensor in new[] { _torchOutputGrad, _torchOutputGradStorage, _torchOutput, _torchInput, _torchLeaf })
            tensor?.Dispose();
        _module?.Dispose();
        (_torchOutputGrad, _torchOutputGradStorage, _torchOutput, _torchInput, _torchLeaf, _module) = (null, null, null, null, null, null);
        if (_allThreads)
            torch.set_num_threads(1);
        _allThreads = false;
    }

    [Benchmark, BenchmarkCategory("NormGen")]
    public void NormGenForwardTrain() => LayerForward(_input, _output);

    [Benchmark, BenchmarkCategory("NormGen")]
    public void NormGenForwardEval() => LayerForward(_input, _output);

    /// <summary>Backward alone, repeated after one training forward in the setup.</summary>
    [Benchmark, BenchmarkCategory("NormGen")]
    public void NormGenBackward() => LayerBackward(_input, _outputGrad, _inputGrad);

    [Benchmark, BenchmarkCategory("Baseline")]
    public void ScalarForwardTrain() => _scalar.ForwardTrain(_input, _output);

    [Benchmark, BenchmarkCategory("Baseline")]
    public void ScalarForwardEval() => _scalar.ForwardEval(_input, _output);

    [Benchmark, BenchmarkCategory("Baseline")]
    public void ScalarBackward() => _scalar.Backward(_input, _outputGrad, _inputGrad);

    [Benchmark, BenchmarkCategory("Baseline")]
    public void VectorForwardTrain() => _vector.ForwardTrain(_input, _output);

    [Benchmark, BenchmarkCategory("Baseline")]
    public void VectorForwardEval() => _vector.ForwardEval(_input, _output);

    [Benchmark, BenchmarkCategory("Baseline")]
    public void VectorBackward() => _vector.Backward(_input, _outputGrad, _inputGrad);

    [Benchmark, BenchmarkCategory("libtorch")]
    public void TorchForwardTrain() => TorchForward();

    [Benchmark, BenchmarkCategory("libtorch")]
    public void TorchForwardEval() => TorchForward();

    /// <summary>
    /// libtorch's backward alone: gradients of the input, γ and β through the graph of one training forward made in
    /// the setup and kept (retain_graph), handed back by autograd.grad, so nothing accumulates into .grad.
    /// </summary>
    [Benchmark, BenchmarkCategory("libtorch")]
    public void TorchBackward() => TorchGradients();

    [Benchmark, BenchmarkCategory("libtorch")]
    public void TorchAllThreadsForwardTrain() => TorchForward();

    [Benchmark, BenchmarkCategory("libtorch")]
    public void TorchAllThreadsForwardEval() => TorchForward();

    [Benchmark, BenchmarkCategory("libtorch")]
    public void TorchAllThreadsBackward() => TorchGradients();

    [Benchmark(Baseline = true), BenchmarkCategory("Floor")]
    public void CopyFloor() => _input.AsSpan().CopyTo(_output);

    /// <summary>
    /// Runs every row once per pass on the same input and reports the largest difference of each from NormGen's
    /// output (forward-train, forward-eval) or input gradient (backward): a check that the rows compute the same thing
    /// (values of order 1), not a measurement. The eval rows follow one training forward of the same layer (libtorch's
    /// module too), so they normalise with the running statistics it left where the layer has them.
    /// </summary>
    public string CompareRows()
    {
        Allocate();
        var report = new List<string>();
        foreach (Pass pass in new[] { Pass.ForwardTrain, Pass.ForwardEval, Pass.Backward })
        {
            float[] normGen = RunNormGen(pass);
            // Fresh baselines for each row, as the layers: a training forward updates the running statistics.
            double scalar = LargestDifference(normGen, RunBaseline(CreateBaselines().Scalar, pass));
            double vector = LargestDifference(normGen, RunBaseline(CreateBaselines().Vector, pass));
            double libtorch = LargestDifference(normGen, RunTorch(pass));
            report.Add(string.Create(CultureInfo.InvariantCulture, $"{Describe(pass)}: scalar {scalar:E1}, Vector<float> {vector:E1}, libtorch {libtorch:E1}"));
        }

        return string.Join("; ", report);
    }

    private enum Pass
    {
        ForwardTrain,
        ForwardEval,
        Backward,
    }

    private static string Describe(Pass pass) => pass switch
    {
        Pass.ForwardTrain => "forward-train",
        Pass.ForwardEval => "forward-eval",
        _ => "backward",
    };

    /// <summary>A fresh layer's output (forward-train, or forward-eval after one training forward) or input gradient.</summary>
    private float[] RunNormGen(Pass pass)
    {
        CreateLayers();
        LayerTraining = true;
        LayerForward(_input, _output);
        if (pass == Pass.ForwardEval)
        {
            LayerTraining = false;
            LayerForward(_input, _output);
        }
        else if (pass == Pass.Backward)
        {
            LayerBackward(_input, _outputGrad, _inputGrad);
            return _inputGrad.ToArray();
        }

        return _output.ToArray();
    }

    private float[] RunBaseline(IHandWrittenLayer layer, Pass pass)
    {
        var output = new float[_input.Length];
        layer.ForwardTrain(_input, output);
        if (pass == Pass.ForwardEval)
        {
            layer.ForwardEval(_input, output);
        }
        else if (pass == Pass.Backward)
        {
            layer.Backward(_input, _outputGrad, output);
        }

        return output;
    }

    private float[] RunTorch(Pass pass)
    {
        PrepareTorch(training: true, withGraph: pass == Pass.Backward);
        try
        {
            if (pass == Pass.Backward)
            {
                IList<Tensor> grads = torch.autograd.grad(new[] { _torchOutput! }, new[] { _torchLeaf! }, new[] { _torchOutputGrad! });
                using Tensor inputGrad = grads[0];
                return inputGrad.contiguous().data<float>().ToArray();
            }

            using (torch.no_grad())
            {
                if (pass == Pass.ForwardEval)
                {
                    _module!.forward(_torchInput!).Dispose();
                    _module.train(false);
                }

                using Tensor output = _module!.forward(_torchInput!);
                using Tensor layoutOrder = TorchPermutation is { } order ? output.permute(Inverse(order)).contiguous() : output.contiguous();
                return layoutOrder.data<float>().ToArray();
            }
        }
        finally
        {
            Cleanup();
        }
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
        long forwardTrain = CountAllocated(calls, () => LayerForward(_input, _output));
        LayerTraining = false;
        long forwardEval = CountAllocated(calls, () => LayerForward(_input, _output));
        LayerTraining = true;
        LayerForward(_input, _output);
        long backward = CountAllocated(calls, () => LayerBackward(_input, _outputGrad, _inputGrad));
        return (forwardTrain, forwardEval, backward);
    }

    /// <summary>Bytes the calling thread allocates in <paramref name="calls"/> calls, after as many calls of warm-up:
    /// what the process does once (the runtime's first uses of a pool or a type on this thread) is not a cost per call.</summary>
    private static long CountAllocated(int calls, Action call)
    {
        for (int i = 0; i < calls; i++)
            call();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < calls; i++)
            call();
        return GC.GetAllocatedBytesForCurrentThread() - before;
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

    private void TorchGradients()
    {
        IList<Tensor> grads = torch.autograd.grad(new[] { _torchOutput! }, _torchGradTargets, new[] { _torchOutputGrad! }, retain_graph: true);
        foreach (Tensor grad in grads)
            grad.Dispose();
    }

    private void TorchForward()
    {
        using var noGrad = torch.no_grad();
        using Tensor output = _module!.forward(_torchInput!);
    }

    /// <summary>Takes <paramref name="other"/>'s tensors (the same values: both are filled from one seed), so that a
    /// comparison of two layers in one process is not one of two arrays' placement in memory.</summary>
    internal void UseTensorsOf(NormalizationBenchmark other)
    {
        _input = other._input;
        _outputGrad = other._outputGrad;
        _output = other._output;
        _inputGrad = other._inputGrad;
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
        (_scalar, _vector) = CreateBaselines();
    }

    private static float[] Filled(int count, Random random)
    {
        var values = new float[count];
        for (int i = 0; i < values.Length; i++)
            values[i] = random.NextSingle() * 4f - 1f;
        return values;
    }

    private void PrepareTorchAllThreads(bool training, bool withGraph)
    {
        torch.set_num_threads(Environment.ProcessorCount);
        _allThreads = true;
        PrepareTorch(training, withGraph);
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
