using System;
using System.Numerics;
using NormGen.Runtime;
using NormGen.Tests.Reference;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>
    /// The fused activations of <see cref="Activations"/> against <see cref="ReferenceActivation"/> (Math.Exp, Math.Tanh
    /// and a positive-term erf series, PyTorch's formulas in double), over z in [-16, 16] in steps of 1/512 and a few
    /// special values. An element passes when |actual - expected| &lt;= ulps * ulp(expected) + e * |dy| * T, with T the
    /// size of the terms that cancel in PyTorch's formula (<see cref="ReferenceActivation.TermScale"/>: 1 + erf(z / sqrt 2)
    /// and 1 + tanh(u) for negative z), whose rounding any double evaluation of that formula carries, the reference's
    /// included, however small the result; e is 4e-16 (four roundings), plus the float path's polynomials' error (float)
    /// or the erfc series' error (double GELU). Float is the double result rounded once: one float ulp.
    /// </summary>
    [Trait("Category", "Numerics")]
    public sealed class ActivationAccuracyTests
    {
        /// <summary>The float result is the double result rounded once: at most one float ulp from the exact value.</summary>
        private const double FloatUlps = 1;

        /// <summary>The float path's polynomials, in double: exp of degree 7 errs by at most 5e-9 relative and the 14-term
        /// erfc series by 1.2e-9 in erf, so up to 2e-9 of the terms that cancel (GELU's Phi(z) + z phi(z) near its zero at z = -0.75);
        /// where nothing cancels, a thirtieth of a float ulp.</summary>
        private const double FloatPathAbsolute = 2e-9;

        /// <summary>Double: the exponential's polynomial and a handful of roundings.</summary>
        private const double DoubleUlps = 8;

        /// <summary>Four roundings of the terms that cancel (see the class summary).</summary>
        private const double CancellingTerms = 4e-16;

        /// <summary>The double erfc series errs by at most 3.2e-15 in erf (tools/fit_erfc.py), 1.6e-15 in Phi(z).</summary>
        private const double DoubleCdfAbsolute = 2e-15;

        public static TheoryData<NormActivation> Activated => new() { NormActivation.Relu, NormActivation.Silu, NormActivation.Gelu, NormActivation.GeluTanh };

        private static System.Collections.Generic.IEnumerable<double> Grid()
        {
            for (int i = -16 * 512; i <= 16 * 512; i++)
            {
                yield return i / 512.0;
            }

            foreach (double z in new[] { 1e-30, -1e-30, 1e-8, -1e-8, 0.3333333, -0.7071067, 5.55, -5.55, 9.1, -9.1, 30, -30, 100, -100 })
            {
                yield return z;
            }
        }

        [Theory]
        [MemberData(nameof(Activated))]
        public void Float_forward_and_backward_are_the_double_reference_rounded_once(NormActivation activation)
        {
            const float dy = 0.7f;
            foreach (double grid in Grid())
            {
                float z = (float)grid;
                double expected = ReferenceActivation.Forward(activation, z);
                double absolute = CancellingTerms + (activation == NormActivation.Relu ? 0 : FloatPathAbsolute);
                AssertClose(Forward(activation, z), expected, FloatUlps * FloatUlp(expected) + absolute * ReferenceActivation.TermScale(activation, z, derivative: false), $"{activation}({z:R})");
                double expectedGrad = dy * ReferenceActivation.Derivative(activation, z);
                AssertClose(Backward(activation, z, dy), expectedGrad, FloatUlps * FloatUlp(expectedGrad) + absolute * dy * ReferenceActivation.TermScale(activation, z, derivative: true), $"{activation}'({z:R})");
            }
        }

        [Theory]
        [MemberData(nameof(Activated))]
        public void Double_forward_and_backward_match_the_double_reference(NormActivation activation)
        {
            const double dy = 0.7;
            foreach (double z in Grid())
            {
                double absolute = CancellingTerms + (activation == NormActivation.Gelu ? DoubleCdfAbsolute : 0);
                double expected = ReferenceActivation.Forward(activation, z);
                AssertClose(Forward(activation, z), expected, DoubleUlps * DoubleUlp(expected) + absolute * ReferenceActivation.TermScale(activation, z, derivative: false), $"{activation}({z:R})");
                double expectedGrad = dy * ReferenceActivation.Derivative(activation, z);
                AssertClose(Backward(activation, z, dy), expectedGrad, DoubleUlps * DoubleUlp(expectedGrad) + absolute * dy * ReferenceActivation.TermScale(activation, z, derivative: true), $"{activation}'({z:R})");
            }
        }

        [Theory]
        [MemberData(nameof(Activated))]
        public void A_vector_lane_equals_the_scalar_overload(NormActivation activation)
        {
            var random = new Random(5);
            var zf = new float[Vector<float>.Count];
            var zd = new double[Vector<double>.Count];
            for (int round = 0; round < 200; round++)
            {
                for (int i = 0; i < zf.Length; i++)
                {
                    zf[i] = (float)((random.NextDouble() - 0.5) * 20);
                }

                for (int i = 0; i < zd.Length; i++)
                {
                    zd[i] = (random.NextDouble() - 0.5) * 20;
                }

                var yf = ForwardVector(activation, new Vector<float>(zf));
                var gf = BackwardVector(activation, new Vector<float>(zf), new Vector<float>(0.3f));
                for (int i = 0; i < zf.Length; i++)
                {
                    Assert.Equal(Forward(activation, zf[i]), yf[i]);
                    Assert.Equal(Backward(activation, zf[i], 0.3f), gf[i]);
                }

                var yd = ForwardVector(activation, new Vector<double>(zd));
                var gd = BackwardVector(activation, new Vector<double>(zd), new Vector<double>(0.3));
                for (int i = 0; i < zd.Length; i++)
                {
                    Assert.Equal(Forward(activation, zd[i]), yd[i]);
                    Assert.Equal(Backward(activation, zd[i], 0.3), gd[i]);
                }
            }
        }

        [Theory]
        [MemberData(nameof(Activated))]
        public void NaN_propagates_forward_and_backward(NormActivation activation)
        {
            Assert.True(float.IsNaN(Forward(activation, float.NaN)));
            Assert.True(double.IsNaN(Forward(activation, double.NaN)));
            Assert.True(double.IsNaN(Backward(activation, 1.0, double.NaN)));
            if (activation != NormActivation.Relu)
            {
                // ReLU's backward passes dy where the output is not <= 0, NaN included, as PyTorch's threshold_backward.
                Assert.True(double.IsNaN(Backward(activation, double.NaN, 1.0)));
            }
        }

        [Fact]
        public void Infinities_give_what_PyTorch_gives_where_it_is_finite()
        {
            foreach (var activation in new[] { NormActivation.Relu, NormActivation.Silu, NormActivation.Gelu, NormActivation.GeluTanh })
            {
                Assert.Equal(double.PositiveInfinity, Forward(activation, double.PositiveInfinity));
                Assert.Equal(float.PositiveInfinity, Forward(activation, float.PositiveInfinity));
            }

            Assert.Equal(0.0, Forward(NormActivation.Relu, double.NegativeInfinity));
            Assert.False(double.IsFinite(Forward(NormActivation.Silu, double.NegativeInfinity)));
            Assert.Equal(0.0, Backward(NormActivation.Relu, 0.0, 1.0));
        }

        private static void AssertClose(double actual, double expected, double bound, string what)
        {
            Assert.True(Math.Abs(actual - expected) <= bound, $"{what} = {actual:R}, expected {expected:R} within {bound:R} (off by {Math.Abs(actual - expected):R}).");
        }

        private static double DoubleUlp(double value) => Math.BitIncrement(Math.Abs(value)) - Math.Abs(value);

        private static double FloatUlp(double value)
        {
            float f = Math.Abs((float)value);
            return MathF.BitIncrement(f) - f;
        }

        private static float Forward(NormActivation a, float z) => a switch
        {
            NormActivation.Relu => Activations.Relu(z),
            NormActivation.Silu => Activations.Silu(z),
            NormActivation.Gelu => Activations.Gelu(z),
            _ => Activations.GeluTanh(z),
        };

        private static double Forward(NormActivation a, double z) => a switch
        {
            NormActivation.Relu => Activations.Relu(z),
            NormActivation.Silu => Activations.Silu(z),
            NormActivation.Gelu => Activations.Gelu(z),
            _ => Activations.GeluTanh(z),
        };

        private static float Backward(NormActivation a, float z, float dy) => a switch
        {
            NormActivation.Relu => Activations.ReluBackward(z, dy),
            NormActivation.Silu => Activations.SiluBackward(z, dy),
            NormActivation.Gelu => Activations.GeluBackward(z, dy),
            _ => Activations.GeluTanhBackward(z, dy),
        };

        private static double Backward(NormActivation a, double z, double dy) => a switch
        {
            NormActivation.Relu => Activations.ReluBackward(z, dy),
            NormActivation.Silu => Activations.SiluBackward(z, dy),
            NormActivation.Gelu => Activations.GeluBackward(z, dy),
            _ => Activations.GeluTanhBackward(z, dy),
        };

        private static Vector<float> ForwardVector(NormActivation a, Vector<float> z) => a switch
        {
            NormActivation.Relu => Activations.Relu(z),
            NormActivation.Silu => Activations.Silu(z),
            NormActivation.Gelu => Activations.Gelu(z),
            _ => Activations.GeluTanh(z),
        };

        private static Vector<double> ForwardVector(NormActivation a, Vector<double> z) => a switch
        {
            NormActivation.Relu => Activations.Relu(z),
            NormActivation.Silu => Activations.Silu(z),
            NormActivation.Gelu => Activations.Gelu(z),
            _ => Activations.GeluTanh(z),
        };

        private static Vector<float> BackwardVector(NormActivation a, Vector<float> z, Vector<float> dy) => a switch
        {
            NormActivation.Relu => Activations.ReluBackward(z, dy),
            NormActivation.Silu => Activations.SiluBackward(z, dy),
            NormActivation.Gelu => Activations.GeluBackward(z, dy),
            _ => Activations.GeluTanhBackward(z, dy),
        };

        private static Vector<double> BackwardVector(NormActivation a, Vector<double> z, Vector<double> dy) => a switch
        {
            NormActivation.Relu => Activations.ReluBackward(z, dy),
            NormActivation.Silu => Activations.SiluBackward(z, dy),
            NormActivation.Gelu => Activations.GeluBackward(z, dy),
            _ => Activations.GeluTanhBackward(z, dy),
        };
    }
}
