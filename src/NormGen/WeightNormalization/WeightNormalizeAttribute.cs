using System;
using System.Diagnostics;

namespace NormGen
{
    /// <summary>
    /// Declares a weight-normalised parameter (Salimans and Kingma, 2016; PyTorch
    /// <c>torch.nn.utils.parametrizations.weight_norm</c>): the weight is <c>w = g · v / ‖v‖</c>, the norm taken over
    /// every dimension but <see cref="Dim"/>. The NormGen generator completes the annotated <c>partial</c> class with
    /// <c>V</c>, <c>G</c>, their gradients, <c>InitializeFrom</c>, <c>ComputeWeight</c> and <c>Backward</c>, specialised
    /// for this shape and element type (<see cref="float"/>).
    /// </summary>
    /// <example>
    /// <code>
    /// [WeightNormalize(Shape = new[] { 64, 3, 3, 3 }, Dim = 0)]   // weight_norm(nn.Conv2d(3, 64, 3), dim=0)
    /// public partial class ConvWeight { }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    [Conditional("NORMGEN_KEEP_ATTRIBUTES")]
    public class WeightNormalizeAttribute : Attribute
    {
        /// <summary>The weight's shape, outermost dimension first (row-major), for example <c>new[] { 64, 3, 3, 3 }</c>
        /// for a <c>Conv2d(3, 64, 3)</c> weight. Required; every extent positive.</summary>
        public int[] Shape { get; set; } = Array.Empty<int>();

        /// <summary>The dimension that keeps one magnitude <c>g</c> per index; the norm is taken over all the others.
        /// Default 0 (output channels, as PyTorch). As PyTorch's <c>weight_norm</c>: -1 (like <c>dim=None</c>) takes one
        /// magnitude and one norm over the whole weight; -2 and below count from the end (-2 is the next-to-last
        /// dimension). The last dimension is <c>Shape.Length - 1</c>.</summary>
        public int Dim { get; set; }

        /// <summary>Lower bound of the norm: <c>w = g · v / max(‖v‖, Epsilon)</c>, as
        /// <c>torch.nn.functional.normalize</c>. Default 0, as PyTorch's <c>weight_norm</c>, where a row of <c>v</c>
        /// that is all zeros gives NaN; any positive value makes such a row give zeros instead.</summary>
        public double Epsilon { get; set; }
    }

    /// <summary>Declares a weight-normalised parameter whose element type is <typeparamref name="T"/>
    /// (<see cref="float"/> or <see cref="double"/>).</summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    [Conditional("NORMGEN_KEEP_ATTRIBUTES")]
    public sealed class WeightNormalizeAttribute<T> : WeightNormalizeAttribute
        where T : unmanaged
    {
    }
}
