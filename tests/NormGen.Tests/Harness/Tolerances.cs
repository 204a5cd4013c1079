namespace NormGen.Tests.Harness
{
    /// <summary>
    /// Every numerical tolerance of the suite, with its reason. An element passes when
    /// |actual - expected| &lt;= Relative * max(|expected|, max |expected| over the compared array):
    /// entries near zero (centred outputs, gradients whose terms cancel) carry rounding errors the size of the
    /// array's large entries, so the floor scales with the array instead of being an absolute constant. Input gradients
    /// are differences of terms (see <see cref="Reference.Gradients.InputTermScale"/>); their floor is the terms' size.
    /// </summary>
    internal static class Tolerances
    {
        /// <summary>float has a 24-bit significand (about 6e-8). Sums over a few hundred elements and the inverse
        /// square root lose at most two to three decimal digits of that, so 1e-4 against the double reference is
        /// met with margin by a correct kernel and missed by any wrong index, term or statistic.</summary>
        public const double FloatRelative = 1e-4;

        /// <summary>double has a 53-bit significand (about 1e-16); the same reductions stay below 1e-13.</summary>
        public const double DoubleRelative = 1e-10;

        /// <summary>Central-difference step, relative to the perturbed value's magnitude (at least 1): truncation error
        /// O(h^2) ~ 1e-10 and rounding error O(1e-16 * |L| / h) ~ 1e-9 for losses of magnitude ~100.</summary>
        public const double FiniteDifferenceStep = 1e-5;

        /// <summary>Agreement asked between a finite difference and the analytic gradient (double layers only):
        /// three orders above the combined truncation and rounding error of the difference quotient.</summary>
        public const double FiniteDifferenceRelative = 1e-6;

        /// <summary>Inputs of 1000 + 0.1 * noise (float): a one-pass E[x^2] - E[x]^2 variance loses all digits here,
        /// a centred computation keeps errors near 1e-4; 1e-2 absolute on O(1) outputs separates the two.</summary>
        public const double LargeOffsetAbsolute = 1e-2;

        /// <summary>Constant input: the mean of n equal values, computed as a sum times 1/n, may be a few units in the last
        /// place (ulp) of the value away from it; that difference is divided by sqrt(epsilon) and scaled by the weight.
        /// The output must stay within this many such ulps of the bias.</summary>
        public const double ConstantInputUlps = 4;

        /// <summary>Relative tolerance for the element type <typeparamref name="T"/>.</summary>
        public static double RelativeFor<T>() => typeof(T) == typeof(float) ? FloatRelative : DoubleRelative;
    }
}
