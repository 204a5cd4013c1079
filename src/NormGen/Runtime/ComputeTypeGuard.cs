using System;

namespace NormGen.Runtime
{
    /// <summary>Keeps Half out of the runtime's kernels that are generic over one element type: instantiated with Half,
    /// they would sum and normalise in Half. Half layers compute in float in their own generated kernels and never call
    /// them; this makes any other caller fail loudly instead of losing precision silently.</summary>
    internal static class ComputeTypeGuard
    {
        /// <summary>Throws <see cref="NotSupportedException"/> when <typeparamref name="T"/> is Half (a constant test the
        /// JIT removes for float and double).</summary>
        public static void Require<T>(string kernels)
        {
            if (typeof(T) == typeof(Half))
            {
                throw new NotSupportedException(kernels + " compute in their element type; Half would be computed in Half. Half tensors are computed in float by the layers' own kernels.");
            }
        }
    }
}
