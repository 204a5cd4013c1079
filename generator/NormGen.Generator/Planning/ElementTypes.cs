using NormGen.Configuration;

namespace NormGen.Generator.Planning
{
    /// <summary>The two element types of a layer: <see cref="Storage"/>, of its tensors (input, output and their
    /// gradients), and <see cref="Compute"/>, of its arithmetic, statistics, parameters, their gradients and running
    /// statistics. They differ for Half alone: its tensors are 16-bit, everything else float, as PyTorch computes
    /// half-precision LayerNorm and BatchNorm on the CPU (float accumulation, float parameters in mixed layers).</summary>
    internal sealed record ElementTypes(ElementKind Storage, ElementKind Compute)
    {
        public static ElementTypes Of(ElementKind declared) =>
            declared == ElementKind.Half ? new ElementTypes(ElementKind.Half, ElementKind.Float) : new ElementTypes(declared, declared);

        /// <summary>Tensors are converted as they are loaded and stored: widened to <see cref="Compute"/>, narrowed back.</summary>
        public bool Converts => Storage != Compute;

        /// <summary>Bytes of one tensor element in memory.</summary>
        public int StorageBytes => Bytes(Storage);

        /// <summary>Bytes of one computed value (a vector lane).</summary>
        public int ComputeBytes => Bytes(Compute);

        private static int Bytes(ElementKind kind) => kind switch
        {
            ElementKind.Half => 2,
            ElementKind.Float => 4,
            _ => 8,
        };
    }
}
