namespace NormGen.Samples.FashionMnist.Nn
{
    /// <summary>A learnable tensor and its accumulated gradient; <see cref="Decay"/> says whether weight decay applies.</summary>
    public sealed class Parameter
    {
        public Parameter(string name, float[] value, float[] grad, bool decay)
        {
            Name = name;
            Value = value;
            Grad = grad;
            Decay = decay;
        }

        public string Name { get; }

        public float[] Value { get; }

        public float[] Grad { get; }

        public bool Decay { get; }
    }
}
