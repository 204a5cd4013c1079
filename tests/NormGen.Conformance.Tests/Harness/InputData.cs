using System;

namespace NormGen.Conformance.Tests.Harness;

/// <summary>Seeded random data: the same case draws the same numbers on every run.</summary>
internal sealed class InputData
{
    private readonly Random _random;

    public InputData(int seed) => _random = new Random(seed);

    public double Uniform(double low, double high) => low + (high - low) * _random.NextDouble();

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public double Normal()
    {
        double u = 1.0 - _random.NextDouble();
        double v = _random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * v);
    }

    public double[] Normal(int count, double mean, double spread)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
            values[i] = mean + spread * Normal();
        return values;
    }

    public double[] Uniform(int count, double low, double high)
    {
        var values = new double[count];
        for (int i = 0; i < count; i++)
            values[i] = Uniform(low, high);
        return values;
    }

    /// <summary>
    /// An input whose channels differ in mean (−1..1) and spread (0.5..2), so that every channel's statistics and
    /// running statistics differ. Channel <paramref name="constantChannel"/> (if ≥ 0) holds 0.75 everywhere, a
    /// value whose sums and means are exact in float, so its variance is exactly zero on every side.
    /// </summary>
    public double[] ChannelledInput(LayoutMapping mapping, int constantChannel = -1)
    {
        double[] mean = Uniform(mapping.Channels, -1.0, 1.0);
        double[] spread = Uniform(mapping.Channels, 0.5, 2.0);
        var values = new double[mapping.ElementCount];
        for (int i = 0; i < values.Length; i++)
        {
            int channel = mapping.ChannelOf(i);
            values[i] = channel == constantChannel ? 0.75 : mean[channel] + spread[channel] * Normal();
        }

        return values;
    }
}
