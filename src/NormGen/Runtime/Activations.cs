using System.ComponentModel;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace NormGen.Runtime
{
    /// <summary>
    /// The activations a layer fuses after its affine (<see cref="NormActivation"/>), forward (<c>act(z)</c>) and backward
    /// (<c>dz = dy * act'(z)</c>), for <see cref="float"/>, <see cref="double"/> and their <see cref="Vector{T}"/>s.
    /// Generated kernels call these in their innermost loops. Each scalar overload is its vector overload on one lane, so
    /// an element gets the same bits in a vector loop and in a scalar tail.
    /// </summary>
    /// <remarks>
    /// <para>Everything is computed in <see cref="double"/>: a float vector is widened into two double vectors and the
    /// result narrowed once, so a float activation is the double result rounded once (lower-degree polynomials serve
    /// float, whose rounding hides their error). The exponential is Cody and Waite's reduction to
    /// <c>r</c> in [-ln2/2, ln2/2] with the Taylor polynomial of degree 13 (double; below 1e-17 relative) or 7 (float;
    /// below 5e-9), scaled by 2^n built in the exponent bits; its argument is clamped to [-708, 709] so the scaling
    /// never leaves the normal range (results below e^-708 are that value instead of a subnormal or 0).</para>
    /// <para>.NET has no vectorised <c>erf</c>, so exact GELU uses <c>erfc(a) = t * exp(-a^2 + G(t))</c> for a &gt;= 0,
    /// t = 2 / (2 + a), with G a Chebyshev series in 2t - 1 fitted by <c>tools/fit_erfc.py</c>: one formula for every a,
    /// no branches. Against the C library's erfc, 26 terms (double) err at most 3.2e-15 absolute in erf (1.2e-13
    /// relative in erfc, from rounding a^2), 14 terms (float) 1.2e-9 absolute. NaN propagates through every function.</para>
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Activations
    {
        private const double Log2E = 1.4426950408889634;

        // ln 2 split so that n * Ln2Hi is exact for the |n| <= 1100 the clamp allows.
        private const double Ln2Hi = 0.6931471803691238;
        private const double Ln2Lo = 1.9082149292705877e-10;

        // Adding 1.5 * 2^52 rounds a double of magnitude below 2^51 to an integer.
        private const double RoundShift = 6755399441055744.0;

        private const double SqrtTwoOverPi = 0.79788456080286541;
        private const double GeluTanhCubic = 0.044715;
        private const double InvSqrt2 = 0.70710678118654757;
        private const double InvSqrtTwoPi = 0.3989422804014327;

        private const int FloatErfcTerms = 14;

        /// <summary>Chebyshev coefficients of G (see the remarks), highest accuracy first 26.</summary>
        private static readonly double[] ErfcSeries =
        {
            -0.6513268598908546,
            0.6419697923564903,
            0.019476473204185954,
            -0.0095615147868088,
            -0.0009465953444819042,
            0.0003668394978525114,
            4.252332480703114e-05,
            -2.027857811252032e-05,
            -1.6242900044871613e-06,
            1.3036558353607398e-06,
            1.562644134089908e-08,
            -8.523809623683932e-08,
            6.529054297210735e-09,
            5.0593436440316e-09,
            -9.913639131831077e-10,
            -2.2736654781141397e-10,
            9.646831111709276e-11,
            2.39410713476218e-12,
            -6.884753878111383e-12,
            8.93285445613401e-13,
            3.1241675912951905e-13,
            -1.1162737401093637e-13,
            5.662137425588299e-16,
            7.799316747991725e-15,
            -9.048317650695026e-16,
            -1.1102230246251565e-16,
        };

        // ReLU ------------------------------------------------------------------------------------------------------

        /// <summary>max(z, 0); NaN stays NaN.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> Relu(Vector<float> z) => Vector.ConditionalSelect(Vector.LessThan(z, Vector<float>.Zero), Vector<float>.Zero, z);

        /// <summary>max(z, 0); NaN stays NaN.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<double> Relu(Vector<double> z) => Vector.ConditionalSelect(Vector.LessThan(z, Vector<double>.Zero), Vector<double>.Zero, z);

        /// <summary>max(z, 0); NaN stays NaN.</summary>
        public static float Relu(float z) => z < 0f ? 0f : z;

        /// <summary>max(z, 0); NaN stays NaN.</summary>
        public static double Relu(double z) => z < 0d ? 0d : z;

        /// <summary>dy where z &gt; 0, else 0 (PyTorch's threshold_backward: 0 where the output is &lt;= 0).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<float> ReluBackward(Vector<float> z, Vector<float> dy) => Vector.ConditionalSelect(Vector.LessThanOrEqual(z, Vector<float>.Zero), Vector<float>.Zero, dy);

        /// <summary>dy where z &gt; 0, else 0.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector<double> ReluBackward(Vector<double> z, Vector<double> dy) => Vector.ConditionalSelect(Vector.LessThanOrEqual(z, Vector<double>.Zero), Vector<double>.Zero, dy);

        /// <summary>dy where z &gt; 0, else 0.</summary>
        public static float ReluBackward(float z, float dy) => z <= 0f ? 0f : dy;

        /// <summary>dy where z &gt; 0, else 0.</summary>
        public static double ReluBackward(double z, double dy) => z <= 0d ? 0d : dy;

        // SiLU: z * s, s = sigmoid(z); backward dy * s * (1 + z * (1 - s)) ------------------------------------------

        /// <summary>z * sigmoid(z).</summary>
        public static Vector<double> Silu(Vector<double> z) => SiluFunction.Value(z, forFloat: false);

        /// <summary>z * sigmoid(z).</summary>
        public static Vector<float> Silu(Vector<float> z) => ValueOnFloats<SiluFunction>(z);

        /// <summary>z * sigmoid(z).</summary>
        public static double Silu(double z) => Silu(new Vector<double>(z))[0];

        /// <summary>z * sigmoid(z).</summary>
        public static float Silu(float z) => Silu(new Vector<float>(z))[0];

        /// <summary>dy * s * (1 + z * (1 - s)), s = sigmoid(z).</summary>
        public static Vector<double> SiluBackward(Vector<double> z, Vector<double> dy) => dy * SiluFunction.Derivative(z, forFloat: false);

        /// <summary>dy * s * (1 + z * (1 - s)), s = sigmoid(z).</summary>
        public static Vector<float> SiluBackward(Vector<float> z, Vector<float> dy) => BackwardOnFloats<SiluFunction>(z, dy);

        /// <summary>dy * s * (1 + z * (1 - s)), s = sigmoid(z).</summary>
        public static double SiluBackward(double z, double dy) => SiluBackward(new Vector<double>(z), new Vector<double>(dy))[0];

        /// <summary>dy * s * (1 + z * (1 - s)), s = sigmoid(z).</summary>
        public static float SiluBackward(float z, float dy) => SiluBackward(new Vector<float>(z), new Vector<float>(dy))[0];

        private readonly struct SiluFunction : ISmoothActivation
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static Vector<double> Value(Vector<double> z, bool forFloat) => z / (Vector<double>.One + Exp(-z, forFloat));

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static Vector<double> Derivative(Vector<double> z, bool forFloat)
            {
                var s = Vector<double>.One / (Vector<double>.One + Exp(-z, forFloat));
                return s * (Vector<double>.One + z * (Vector<double>.One - s));
            }
        }

        // GELU, tanh approximation: 0.5 * z * (1 + tanh(u)) = z * s with s = sigmoid(2u), u = sqrt(2/pi) * (z + 0.044715 z^3).
        // The sigmoid form keeps 1 + tanh(u) accurate where tanh(u) is near -1. Backward: 1 - tanh(u)^2 = 4 s (1 - s), so
        // dz = dy * (s + 2 z s (1 - s) u'), u' = sqrt(2/pi) * (1 + 3 * 0.044715 z^2).

        /// <summary>0.5 * z * (1 + tanh(sqrt(2/pi) * (z + 0.044715 z^3))).</summary>
        public static Vector<double> GeluTanh(Vector<double> z) => GeluTanhFunction.Value(z, forFloat: false);

        /// <summary>0.5 * z * (1 + tanh(sqrt(2/pi) * (z + 0.044715 z^3))).</summary>
        public static Vector<float> GeluTanh(Vector<float> z) => ValueOnFloats<GeluTanhFunction>(z);

        /// <summary>0.5 * z * (1 + tanh(sqrt(2/pi) * (z + 0.044715 z^3))).</summary>
        public static double GeluTanh(double z) => GeluTanh(new Vector<double>(z))[0];

        /// <summary>0.5 * z * (1 + tanh(sqrt(2/pi) * (z + 0.044715 z^3))).</summary>
        public static float GeluTanh(float z) => GeluTanh(new Vector<float>(z))[0];

        /// <summary>dy times the derivative of the tanh-approximated GELU at z.</summary>
        public static Vector<double> GeluTanhBackward(Vector<double> z, Vector<double> dy) => dy * GeluTanhFunction.Derivative(z, forFloat: false);

        /// <summary>dy times the derivative of the tanh-approximated GELU at z.</summary>
        public static Vector<float> GeluTanhBackward(Vector<float> z, Vector<float> dy) => BackwardOnFloats<GeluTanhFunction>(z, dy);

        /// <summary>dy times the derivative of the tanh-approximated GELU at z.</summary>
        public static double GeluTanhBackward(double z, double dy) => GeluTanhBackward(new Vector<double>(z), new Vector<double>(dy))[0];

        /// <summary>dy times the derivative of the tanh-approximated GELU at z.</summary>
        public static float GeluTanhBackward(float z, float dy) => GeluTanhBackward(new Vector<float>(z), new Vector<float>(dy))[0];

        private readonly struct GeluTanhFunction : ISmoothActivation
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static Vector<double> Value(Vector<double> z, bool forFloat) => z * Gate(z, forFloat);

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static Vector<double> Derivative(Vector<double> z, bool forFloat)
            {
                var s = Gate(z, forFloat);
                var du = new Vector<double>(SqrtTwoOverPi) * (Vector<double>.One + new Vector<double>(3 * GeluTanhCubic) * z * z);
                return s + new Vector<double>(2) * z * s * (Vector<double>.One - s) * du;
            }

            /// <summary>sigmoid(2u) = (1 + tanh(u)) / 2.</summary>
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            private static Vector<double> Gate(Vector<double> z, bool forFloat)
            {
                var twiceU = new Vector<double>(2 * SqrtTwoOverPi) * (z + new Vector<double>(GeluTanhCubic) * z * z * z);
                return Vector<double>.One / (Vector<double>.One + Exp(-twiceU, forFloat));
            }
        }

        // Exact GELU: z * Phi(z), Phi the standard normal CDF, 0.5 * erfc(-z / sqrt(2)); backward dy * (Phi(z) + z * phi(z)),
        // phi(z) = exp(-z^2 / 2) / sqrt(2 pi).

        /// <summary>0.5 * z * (1 + erf(z / sqrt(2))).</summary>
        public static Vector<double> Gelu(Vector<double> z) => GeluFunction.Value(z, forFloat: false);

        /// <summary>0.5 * z * (1 + erf(z / sqrt(2))).</summary>
        public static Vector<float> Gelu(Vector<float> z) => ValueOnFloats<GeluFunction>(z);

        /// <summary>0.5 * z * (1 + erf(z / sqrt(2))).</summary>
        public static double Gelu(double z) => Gelu(new Vector<double>(z))[0];

        /// <summary>0.5 * z * (1 + erf(z / sqrt(2))).</summary>
        public static float Gelu(float z) => Gelu(new Vector<float>(z))[0];

        /// <summary>dy * (Phi(z) + z * phi(z)).</summary>
        public static Vector<double> GeluBackward(Vector<double> z, Vector<double> dy) => dy * GeluFunction.Derivative(z, forFloat: false);

        /// <summary>dy * (Phi(z) + z * phi(z)).</summary>
        public static Vector<float> GeluBackward(Vector<float> z, Vector<float> dy) => BackwardOnFloats<GeluFunction>(z, dy);

        /// <summary>dy * (Phi(z) + z * phi(z)).</summary>
        public static double GeluBackward(double z, double dy) => GeluBackward(new Vector<double>(z), new Vector<double>(dy))[0];

        /// <summary>dy * (Phi(z) + z * phi(z)).</summary>
        public static float GeluBackward(float z, float dy) => GeluBackward(new Vector<float>(z), new Vector<float>(dy))[0];

        private readonly struct GeluFunction : ISmoothActivation
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static Vector<double> Value(Vector<double> z, bool forFloat) => z * NormalCdf(z, forFloat);

            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            public static Vector<double> Derivative(Vector<double> z, bool forFloat)
            {
                var density = new Vector<double>(InvSqrtTwoPi) * Exp(new Vector<double>(-0.5) * z * z, forFloat);
                return NormalCdf(z, forFloat) + z * density;
            }
        }

        // The smooth activations in double; float vectors are widened, computed and narrowed once ---------------------

        /// <summary>An activation computed in double: its value and its derivative at z, with the float polynomials when
        /// <c>forFloat</c>.</summary>
        private interface ISmoothActivation
        {
            static abstract Vector<double> Value(Vector<double> z, bool forFloat);

            static abstract Vector<double> Derivative(Vector<double> z, bool forFloat);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<float> ValueOnFloats<TActivation>(Vector<float> z)
            where TActivation : ISmoothActivation
        {
            Vector.Widen(z, out var low, out var high);
            return Vector.Narrow(TActivation.Value(low, forFloat: true), TActivation.Value(high, forFloat: true));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<float> BackwardOnFloats<TActivation>(Vector<float> z, Vector<float> dy)
            where TActivation : ISmoothActivation
        {
            Vector.Widen(z, out var zLow, out var zHigh);
            Vector.Widen(dy, out var dyLow, out var dyHigh);
            return Vector.Narrow(dyLow * TActivation.Derivative(zLow, forFloat: true), dyHigh * TActivation.Derivative(zHigh, forFloat: true));
        }

        /// <summary>Phi(z) = 0.5 * erfc(-z / sqrt(2)): 1 - erfc(a) / 2 for z &gt;= 0, erfc(a) / 2 below, a = |z| / sqrt(2).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<double> NormalCdf(Vector<double> z, bool forFloat)
        {
            var halfTail = new Vector<double>(0.5) * Erfc(Vector.Abs(z) * new Vector<double>(InvSqrt2), forFloat);
            return Vector.ConditionalSelect(Vector.LessThan(z, Vector<double>.Zero), halfTail, Vector<double>.One - halfTail);
        }

        /// <summary>erfc(a) for a &gt;= 0 (or NaN): t * exp(-a^2 + G(t)), t = 2 / (2 + a), G by Clenshaw's recurrence.</summary>
        private static Vector<double> Erfc(Vector<double> a, bool forFloat)
        {
            var t = new Vector<double>(2) / (new Vector<double>(2) + a);
            var u = t + t - Vector<double>.One;
            var twoU = u + u;
            var series = ErfcSeries;
            int terms = forFloat ? FloatErfcTerms : series.Length;
            var b1 = Vector<double>.Zero;
            var b2 = Vector<double>.Zero;
            for (int k = terms - 1; k >= 1; k--)
            {
                var b0 = twoU * b1 - b2 + new Vector<double>(series[k]);
                b2 = b1;
                b1 = b0;
            }

            var g = u * b1 - b2 + new Vector<double>(series[0]);
            return t * Exp(g - a * a, forFloat);
        }

        /// <summary>e^x, x clamped to [-708, 709]: 2^n * p(r), x = n ln2 + r, |r| &lt;= ln2 / 2.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<double> Exp(Vector<double> x, bool forFloat)
        {
            // Comparisons are false for NaN, so the clamps keep it and it reaches the result.
            x = Vector.ConditionalSelect(Vector.GreaterThan(x, new Vector<double>(709)), new Vector<double>(709), x);
            x = Vector.ConditionalSelect(Vector.LessThan(x, new Vector<double>(-708)), new Vector<double>(-708), x);
            var shifted = x * new Vector<double>(Log2E) + new Vector<double>(RoundShift);
            var n = shifted - new Vector<double>(RoundShift);
            var r = x - n * new Vector<double>(Ln2Hi) - n * new Vector<double>(Ln2Lo);
            Vector<double> p;
            if (forFloat)
            {
                p = Taylor(r, 7);
            }
            else
            {
                p = Taylor(r, 13);
            }

            var scale = Vector.AsVectorDouble(Vector.ShiftLeft(Vector.ConvertToInt64(n) + new Vector<long>(1023), 52));
            return p * scale;
        }

        /// <summary>1 + r + r^2/2! + ... + r^degree/degree!, by Horner's rule.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<double> Taylor(Vector<double> r, int degree)
        {
            var p = new Vector<double>(InverseFactorials[degree]);
            for (int k = degree - 1; k >= 0; k--)
            {
                p = p * r + new Vector<double>(InverseFactorials[k]);
            }

            return p;
        }

        /// <summary>1/k! for k = 0..13.</summary>
        private static readonly double[] InverseFactorials =
        {
            1.0, 1.0, 1.0 / 2, 1.0 / 6, 1.0 / 24, 1.0 / 120, 1.0 / 720, 1.0 / 5040, 1.0 / 40320, 1.0 / 362880,
            1.0 / 3628800, 1.0 / 39916800, 1.0 / 479001600, 1.0 / 6227020800,
        };
    }
}
