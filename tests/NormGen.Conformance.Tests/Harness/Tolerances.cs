namespace NormGen.Conformance.Tests.Harness;

/// <summary>
/// Every tolerance of the suite, in one place. A value passes when <c>|actual - expected| &lt;= Absolute + Relative * |expected|</c>.
/// </summary>
/// <remarks>
/// The combined form is needed because neither part works alone: normalised outputs, input gradients and bias
/// gradients cross zero, where a purely relative bound demands exact equality of two different (equally valid)
/// summation orders; running variances and weight gradients of long reductions grow with the data, where a purely
/// absolute bound would be too loose for small values and too strict for large ones. The absolute part equals the
/// relative part because the compared quantities are of order one (inputs are unit-scale, γ in [0.5, 1.5]).
/// </remarks>
internal static class Tolerances
{
    /// <summary>
    /// float forward (outputs, running statistics, eval outputs): 1e-5, about 80 float ulps at 1. Both sides reduce
    /// a few hundred values in different orders (libtorch: vectorised, double accumulation on CPU; NormGen: its own
    /// kernel), each contributing rounding of ~1e-7 relative; the result then passes through a square root and a
    /// division, which keep relative error the same order.
    /// </summary>
    public static readonly Tolerance FloatForward = new(Absolute: 1e-5, Relative: 1e-5);

    /// <summary>
    /// float gradients: 1e-4. The input gradient is a difference of three terms of order one
    /// (γ·invstd·(dy − mean(dy) − x̂·mean(dy·x̂))), so cancellation amplifies the float rounding of the two
    /// reductions it needs by about one decade over the forward pass; weight and bias gradients are sums over
    /// every reduced element and accumulate over the training steps.
    /// </summary>
    public static readonly Tolerance FloatGradient = new(Absolute: 1e-4, Relative: 1e-4);

    /// <summary>
    /// double forward: 1e-12, about 4500 double ulps at 1: the same reasoning as float, scaled by the 2^29 times
    /// smaller unit roundoff, with room for reduction lengths up to ~10^3 in different orders.
    /// </summary>
    public static readonly Tolerance DoubleForward = new(Absolute: 1e-12, Relative: 1e-12);

    /// <summary>double gradients: 1e-10, one decade more than float's ratio for the same cancellation, kept
    /// well above the ~1e-14 that differently ordered double sums of this length differ by.</summary>
    public static readonly Tolerance DoubleGradient = new(Absolute: 1e-10, Relative: 1e-10);

    /// <summary>
    /// Large-offset cases compare errors instead of values: NormGen's largest error against a float64 reference may
    /// be at most <see cref="OffsetErrorFactor"/> times libtorch float32's largest error, plus
    /// <see cref="OffsetErrorFloorUlps"/> float ulps of the largest reference value. The factor allows for a
    /// different, equally sound reduction (two-pass, Welford or shifted sums round differently and their worst
    /// element is a maximum over hundreds of roundings); the floor covers the final rounding of each output to
    /// float, which no implementation avoids and which libtorch may happen to hit more closely on a given sample.
    /// </summary>
    public const double OffsetErrorFactor = 4.0;

    /// <inheritdoc cref="OffsetErrorFactor"/>
    public const double OffsetErrorFloorUlps = 4.0;

    public static Tolerance Forward<T>() => typeof(T) == typeof(float) ? FloatForward : DoubleForward;

    public static Tolerance Gradient<T>() => typeof(T) == typeof(float) ? FloatGradient : DoubleGradient;
}

/// <summary>An absolute plus relative bound (see <see cref="Tolerances"/>).</summary>
internal readonly record struct Tolerance(double Absolute, double Relative)
{
    public double Allowed(double expected) => Absolute + Relative * System.Math.Abs(expected);
}
