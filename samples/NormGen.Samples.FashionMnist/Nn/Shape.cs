namespace NormGen.Samples.FashionMnist.Nn
{
    /// <summary>The shape of one sample's activations, channels first: C × H × W (a vector is C × 1 × 1).</summary>
    public readonly record struct Shape(int Channels, int Height, int Width)
    {
        public int Size => Channels * Height * Width;

        public override string ToString() => $"{Channels}×{Height}×{Width}";
    }
}
