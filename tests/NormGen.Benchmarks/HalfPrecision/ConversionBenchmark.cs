using System;
using System.Numerics;
using BenchmarkDotNet.Attributes;
using NormGen.Runtime;

namespace NormGen.Benchmarks.HalfPrecision;

/// <summary>
/// What a Half layer pays per element before any arithmetic, on 32×64×56×56 values (the BatchNorm2d shape): reading the
/// floats (a sum, the floor of any float pass) against widening the same count of halves, and writing floats against
/// narrowing to halves. Their difference per element is the conversion's cost, set against the memory time it saves.
/// </summary>
[BenchmarkCategory("HalfLarge")]
public class HalfConversionBenchmark
{
    private const int Count = 32 * 64 * 56 * 56;
    private float[] _floats = [];
    private float[] _floatsOut = [];
    private Half[] _halves = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20261204);
        _halves = new Half[Count];
        for (int i = 0; i < Count; i++)
        {
            _halves[i] = (Half)((4 * random.NextDouble()) - 1.5);
        }

        _floats = Array.ConvertAll(_halves, h => (float)h);
        _floatsOut = new float[Count];
    }

    [Benchmark(Baseline = true)]
    public float ReadFloats()
    {
        var sum = Vector<float>.Zero;
        ref float source = ref _floats[0];
        for (int i = 0; i <= Count - Vector<float>.Count; i += Vector<float>.Count)
        {
            sum += Vector.LoadUnsafe(ref source, (nuint)i);
        }

        return Vector.Sum(sum);
    }

    [Benchmark]
    public float WidenHalves()
    {
        var sum = Vector<float>.Zero;
        ref Half source = ref _halves[0];
        for (int i = 0; i <= Count - Vector<float>.Count; i += Vector<float>.Count)
        {
            sum += HalfVectors.Load(ref source, (nuint)i);
        }

        return Vector.Sum(sum);
    }

    [Benchmark]
    public void WriteFloats()
    {
        ref float source = ref _floats[0];
        ref float destination = ref _floatsOut[0];
        for (int i = 0; i <= Count - Vector<float>.Count; i += Vector<float>.Count)
        {
            Vector.StoreUnsafe(Vector.LoadUnsafe(ref source, (nuint)i), ref destination, (nuint)i);
        }
    }

    [Benchmark]
    public void NarrowToHalves()
    {
        ref float source = ref _floats[0];
        ref Half destination = ref _halves[0];
        for (int i = 0; i <= Count - Vector<float>.Count; i += Vector<float>.Count)
        {
            HalfVectors.Store(Vector.LoadUnsafe(ref source, (nuint)i), ref destination, (nuint)i);
        }
    }
}
