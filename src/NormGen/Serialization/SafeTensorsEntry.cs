namespace NormGen.Serialization
{
    /// <summary>One tensor as a safetensors header describes it: offsets relative to the start of the data section.</summary>
    internal sealed record SafeTensorsEntry(string Name, TensorDType DType, long[] Shape, long Begin, long End);
}
