using System;
using System.Diagnostics;

namespace NormGen
{
    /// <summary>
    /// Declares a Min-Max scaler (scikit-learn <c>MinMaxScaler</c>): <c>x' = (x - min) / (max - min) · (b - a) + a</c>
    /// for the feature range <c>[a, b]</c>, with <c>min</c> and <c>max</c> fitted over the reduced axes, batch by batch.
    /// A constant feature (<c>max == min</c>) maps to <c>a</c>. The generator completes the annotated <c>partial</c>
    /// class with <c>Fit</c>, <c>Transform</c>, <c>InverseTransform</c>, <c>Reset</c>, <c>Min</c>, <c>Max</c> and <c>Count</c>.
    /// </summary>
    /// <example>
    /// <code>
    /// [MinMaxScaler(Layout = "NC", Axes = "N", Channels = 16)]   // MinMaxScaler() on 16 features
    /// public partial class FeatureScaler { }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    [Conditional("NORMGEN_KEEP_ATTRIBUTES")]
    public class MinMaxScalerAttribute : ScalerAttribute
    {
        /// <summary>Lower end <c>a</c> of the feature range (scikit-learn <c>feature_range[0]</c>). Default 0.</summary>
        public double FeatureRangeMin { get; set; }

        /// <summary>Upper end <c>b</c> of the feature range (scikit-learn <c>feature_range[1]</c>). Default 1.</summary>
        public double FeatureRangeMax { get; set; } = 1;

        /// <summary>Clamp transformed values to the feature range (scikit-learn <c>clip=True</c>). Default false.</summary>
        public bool Clip { get; set; }
    }

    /// <summary>Declares a Min-Max scaler whose element type is <typeparamref name="T"/> (<see cref="float"/> or <see cref="double"/>).</summary>
    /// <typeparam name="T">The element type: <see cref="float"/> or <see cref="double"/>.</typeparam>
    [AttributeUsage(AttributeTargets.Class, Inherited = false, AllowMultiple = false)]
    [Conditional("NORMGEN_KEEP_ATTRIBUTES")]
    public sealed class MinMaxScalerAttribute<T> : MinMaxScalerAttribute
        where T : unmanaged
    {
    }
}
