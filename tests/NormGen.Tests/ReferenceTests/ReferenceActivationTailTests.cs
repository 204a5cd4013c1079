using System;
using NormGen.Tests.Reference;
using Xunit;

namespace NormGen.Tests.ReferenceTests
{
    /// <summary>
    /// The reference GELU in its negative tail, where Phi(z) is tiny: it must keep full relative precision there, since a
    /// layer in eval mode can put every output of a call in the tail and the comparisons then scale with those outputs.
    /// Checked against the asymptotic series Phi(z) = pdf(z) / |z| * (1 - 1/z^2 + 3/z^4 - 15/z^6 + ...), whose truncation
    /// error is below the first term left out, and within 1e-12: exp(-z^2 / 2) carries the rounding of its argument, a few
    /// 1e-16 times z^2 / 2 (about 4e-14 at z = -20), whichever way it is computed. The cancelling form 1 + erf(z / sqrt 2)
    /// was 2e-4 off at z = -7.3 and 0 from z = -9 on.
    /// </summary>
    [Trait("Category", "Numerics")]
    public sealed class ReferenceActivationTailTests
    {
        private const double Floor = 1e-12;

        [Theory]
        [InlineData(-7.3)]
        [InlineData(-10.0)]
        [InlineData(-20.0)]
        public void Gelu_keeps_its_relative_precision_in_the_negative_tail(double z)
        {
            double pdf = Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);
            double sum = 0, term = 1;
            int k = 0;
            for (; k < 8; k++)
            {
                sum += term;
                term *= -(2 * k + 1) / (z * z);
            }

            double cdf = pdf / -z * sum;
            double truncation = Math.Abs(term) / sum;

            Assert.Equal(cdf, ReferenceActivation.NormalCdf(z), cdf * Math.Max(truncation, Floor));
            Assert.Equal(z * cdf, ReferenceActivation.Forward(NormActivation.Gelu, z), Math.Abs(z * cdf) * Math.Max(truncation, Floor));
            Assert.Equal(cdf + (z * pdf), ReferenceActivation.Derivative(NormActivation.Gelu, z), Math.Abs(z * pdf) * Math.Max(truncation, Floor));
        }
    }
}
