namespace NormGen.Serialization
{
    /// <summary>The element types of the safetensors format, with the names its header uses (<c>"F32"</c>, <c>"I64"</c>, ...).</summary>
    public enum TensorDType
    {
        /// <summary>Boolean, one byte (0 or 1).</summary>
        BOOL,

        /// <summary>Unsigned 8-bit integer.</summary>
        U8,

        /// <summary>Signed 8-bit integer.</summary>
        I8,

        /// <summary>Signed 16-bit integer.</summary>
        I16,

        /// <summary>Unsigned 16-bit integer.</summary>
        U16,

        /// <summary>Signed 32-bit integer.</summary>
        I32,

        /// <summary>Unsigned 32-bit integer.</summary>
        U32,

        /// <summary>Signed 64-bit integer (PyTorch's <c>torch.int64</c>, the type of <c>num_batches_tracked</c>).</summary>
        I64,

        /// <summary>Unsigned 64-bit integer.</summary>
        U64,

        /// <summary>IEEE 754 half precision (<c>torch.float16</c>).</summary>
        F16,

        /// <summary>bfloat16: the upper half of a <c>float</c> (<c>torch.bfloat16</c>).</summary>
        BF16,

        /// <summary>IEEE 754 single precision (<c>torch.float32</c>).</summary>
        F32,

        /// <summary>IEEE 754 double precision (<c>torch.float64</c>).</summary>
        F64,

        /// <summary>8-bit float with 5 exponent and 2 mantissa bits: its size is known, so a file holding it opens, but its
        /// values are not converted.</summary>
        F8_E5M2,

        /// <summary>8-bit float with 4 exponent and 3 mantissa bits: its size is known, so a file holding it opens, but its
        /// values are not converted.</summary>
        F8_E4M3,
    }
}
