using System;

namespace NormGen.Serialization
{
    /// <summary>Sizes and header names of <see cref="TensorDType"/>.</summary>
    internal static class TensorDTypes
    {
        public static int Size(TensorDType dtype) => dtype switch
        {
            TensorDType.BOOL or TensorDType.U8 or TensorDType.I8 or TensorDType.F8_E5M2 or TensorDType.F8_E4M3 => 1,
            TensorDType.I16 or TensorDType.U16 or TensorDType.F16 or TensorDType.BF16 => 2,
            TensorDType.I32 or TensorDType.U32 or TensorDType.F32 => 4,
            TensorDType.I64 or TensorDType.U64 or TensorDType.F64 => 8,
            _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "Not a safetensors element type."),
        };

        public static string Name(TensorDType dtype)
        {
            Size(dtype);
            return dtype.ToString();
        }

        /// <summary>The element type a header names; names are case-sensitive, as in the format.</summary>
        public static bool TryParse(string name, out TensorDType dtype)
        {
            foreach (TensorDType candidate in (TensorDType[])Enum.GetValues(typeof(TensorDType)))
            {
                if (candidate.ToString() == name)
                {
                    dtype = candidate;
                    return true;
                }
            }

            dtype = default;
            return false;
        }

        public static bool IsFloatingPoint(TensorDType dtype) =>
            dtype is TensorDType.F16 or TensorDType.BF16 or TensorDType.F32 or TensorDType.F64;
    }
}
