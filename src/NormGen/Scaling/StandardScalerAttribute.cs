using System;
using System.Diagnostics;

namespace NormGen
{
    /// <summary>
    /// Declares a Z-score scaler (scikit-learn <c>StandardScaler</c>): <c>x' = (x - mean) / std</c> with the mean and
    /// the population standard deviation fitted over the reduced axes, batch by batch (partial statistics merged
    /// exactly). A constant feature (<c>std == 0</c>) is divided by 1 instead, as scikit-learn, so its fitted values
    /// map to 0. The generator completes the annotated <c>partial</c> class with <c>Fit</c>, <c>Transform</c>,
    /// <c>InverseTransform</c>, <c>Reset</c>, <c>Mean</c>, <c>Variance</c> and <c>Count</c>.
    /// </summary>
    /// <example>
    /// <code>
    /// [StandardScaler(Layout = "NCHW", Axes = "N,H,W", Channels = 3)]   // per-channel image standardisation
    /// public partial class PixelScaler { }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    [Conditional("NORMGEN_KEEP_ATTRIBUTES")]
    public class StandardScalerAttribute : ScalerAttribute
    {
    }

    /// <summary>Declares a Z-score scaler whose element type is <typeparamref name="T"/> (<see cref="float"/> or <see cref="double"/>).</summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    [Conditional("NORMGEN_KEEP_ATTRIBUTES")]
    public sealed class StandardScalerAttribute<T> : StandardScalerAttribute
        where T : unmanaged
    {
    }
}
