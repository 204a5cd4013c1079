using System;

namespace NormGen.Tests.Reference
{
    /// <summary>The activations a layer can fuse, in double precision, element by element, as PyTorch defines them.</summary>
    public static class ReferenceActivation
    {
        private static readonly double SqrtTwoOverPi = Math.Sqrt(2.0 / Math.PI);

        public static double[] Forward(NormActivation activation, double[] z)
        {
            var y = new double[z.Length];
            for (int i = 0; i < z.Length; i++)
            {
                y[i] = Forward(activation, z[i]);
            }

            return y;
        }

        /// <summary>dz = dy * act'(z), element by element.</summary>
        public static double[] Backward(NormActivation activation, double[] z, double[] dy)
        {
            var dz = new double[z.Length];
            for (int i = 0; i < z.Length; i++)
            {
                dz[i] = dy[i] * Derivative(activation, z[i]);
            }

            return dz;
        }

        public static double Forward(NormActivation activation, double z) => activation switch
        {
            NormActivation.None => z,
            NormActivation.Relu => Math.Max(z, 0.0),
            NormActivation.Silu => z / (1.0 + Math.Exp(-z)),
            NormActivation.Gelu => z * NormalCdf(z),
            // 0.5 * (1 + tanh(u)) as 1 / (1 + e^(-2u)): the tanh form cancels in the negative tail (near z = -6, 1 + tanh(u) is
            // about 2e-11 and would carry errors of 1e-16, relative 5e-6).
            NormActivation.GeluTanh => z / (1.0 + Math.Exp(-2.0 * GeluTanhArgument(z))),
            _ => throw new ArgumentOutOfRangeException(nameof(activation)),
        };

        /// <summary>u = sqrt(2/pi) * (z + 0.044715 z^3), the tanh-approximated GELU's argument.</summary>
        private static double GeluTanhArgument(double z) => SqrtTwoOverPi * (z + 0.044715 * z * z * z);

        /// <summary>act'(z); ReLU's is taken as 0 at z = 0, as PyTorch's.</summary>
        public static double Derivative(NormActivation activation, double z)
        {
            switch (activation)
            {
                case NormActivation.None:
                    return 1.0;
                case NormActivation.Relu:
                    return z > 0 ? 1.0 : 0.0;
                case NormActivation.Silu:
                    double s = 1.0 / (1.0 + Math.Exp(-z));
                    return s * (1.0 + z * (1.0 - s));
                case NormActivation.Gelu:
                    double cdf = NormalCdf(z);
                    double pdf = Math.Exp(-0.5 * z * z) / Math.Sqrt(2.0 * Math.PI);
                    return cdf + z * pdf;
                case NormActivation.GeluTanh:
                    // 0.5 * (1 + t) = s and 1 - t^2 = 4 s (1 - s), s = sigmoid(2u), t = tanh(u), each side without cancelling.
                    double u = GeluTanhArgument(z);
                    double gate = 1.0 / (1.0 + Math.Exp(-2.0 * u)), complement = 1.0 / (1.0 + Math.Exp(2.0 * u));
                    return gate + 2.0 * z * gate * complement * SqrtTwoOverPi * (1.0 + 3.0 * 0.044715 * z * z);
                default:
                    throw new ArgumentOutOfRangeException(nameof(activation));
            }
        }

        /// <summary>The size of the terms that cancel in the formulas above, for the activation (<paramref name="derivative"/>
        /// false) or its derivative: in 1 + erf(z / sqrt 2) and 1 + tanh(u) for negative z, and in 1 - tanh(u)^2, each
        /// term's rounding (about 1e-16) is scaled by what multiplies it, so an implementation that evaluates these sums
        /// errs by a few 1e-16 times this much, however small the result. (The reference takes GELU's negative tail from
        /// erfc, which does not cancel; the bound still holds for it.) 1 where nothing cancels.</summary>
        public static double TermScale(NormActivation activation, double z, bool derivative)
        {
            double a = Math.Abs(z);
            return activation switch
            {
                NormActivation.Gelu => derivative ? 1.0 : Math.Max(1.0, a),
                NormActivation.GeluTanh => derivative ? 1.0 + a * SqrtTwoOverPi * (1.0 + 3.0 * 0.044715 * z * z) : Math.Max(1.0, a),
                _ => 1.0,
            };
        }

        /// <summary>Phi(z) = (1 + erf(z / sqrt 2)) / 2, taken as erfc(|z| / sqrt 2) / 2 for negative z, so that its tail keeps
        /// full relative precision (1 + erf would cancel: near z = -7 it is about 1e-12 and would carry errors of 1e-16).</summary>
        public static double NormalCdf(double z) => z < 0 ? 0.5 * Erfc(-z / Math.Sqrt(2.0)) : 0.5 * (1.0 + Erf(z / Math.Sqrt(2.0)));

        /// <summary>erfc(a) for a &gt;= 0: from its continued fraction for a &gt;= 2 (see <see cref="Erf"/>), else 1 - erf(a), which
        /// is at least erfc(2), about 0.005, so little cancels.</summary>
        public static double Erfc(double a)
        {
            if (a < 2.0)
            {
                return 1.0 - Erf(a);
            }

            if (double.IsPositiveInfinity(a))
            {
                return 0;
            }

            double fraction = a;
            for (int n = 200; n >= 1; n--)
            {
                fraction = a + (n / 2.0) / fraction;
            }

            return Math.Exp(-a * a) / Math.Sqrt(Math.PI) / fraction;
        }

        /// <summary>erf(x): for |x| &lt; 2 the series 2/sqrt(pi) * exp(-x^2) * sum over n of 2^n x^(2n+1) / (1 * 3 * ... * (2n+1)),
        /// whose terms are all positive, so the sum keeps full precision; beyond, 1 - erfc(|x|) with erfc from its continued
        /// fraction exp(-x^2) / sqrt(pi) / (x + (1/2) / (x + (2/2) / (x + (3/2) / ...))), evaluated from 200 levels down
        /// (the long series would round once per term near erf = 1).</summary>
        public static double Erf(double x)
        {
            if (double.IsNaN(x))
            {
                return x;
            }

            double a = Math.Abs(x);
            if (a >= 2.0)
            {
                return Math.Sign(x) * (1.0 - Erfc(a));
            }

            double term = a;
            double sum = a;
            for (int n = 1; term > 1e-18 * sum; n++)
            {
                term *= 2.0 * a * a / (2 * n + 1);
                sum += term;
            }

            return Math.Sign(x) * 2.0 / Math.Sqrt(Math.PI) * Math.Exp(-a * a) * sum;
        }
    }
}
