using System;

namespace NormGen.Serialization
{
    /// <summary>
    /// The one exception a bad state or file throws: a safetensors file that is truncated or malformed, a tensor whose
    /// dtype, shape or values do not fit, a key missing or unexpected. Thrown before anything is written, so the layer,
    /// weight normalisation or scaler being loaded is exactly as before.
    /// </summary>
    public sealed class StateDictException : FormatException
    {
        /// <summary>Creates the exception for <paramref name="tensorName"/> (or the file as a whole when null).</summary>
        public StateDictException(string? tensorName, string problem)
            : base(tensorName is null ? problem : "Tensor '" + tensorName + "': " + problem)
        {
            TensorName = tensorName;
        }

        /// <summary>The full name of the tensor at fault, or <see langword="null"/> when the fault is in the file as a whole
        /// (its length, its header's JSON, the data not covered by the tensors).</summary>
        public string? TensorName { get; }
    }
}
