using System;
using NormGen.Samples.FashionMnist.Nn;
using NormGen.Samples.FashionMnist.Normalization;
using Xunit;

namespace NormGen.Samples.Tests
{
    public sealed class GradientTests
    {
        private const double LinearStep = 0.05, SmoothStep = 0.01;

        [Theory]
        [InlineData(1, 2, 5, 5)]
        [InlineData(3, 4, 6, 7)]
        [InlineData(2, 9, 4, 3)]
        public void Conv2d_input_weight_and_bias_gradients_match_finite_differences(int inChannels, int outChannels, int height, int width)
        {
            var random = new Random(1);
            var conv = new Conv2d("conv", new Shape(inChannels, height, width), outChannels, random);
            GradientCheck.Layer(conv, GradientCheck.Uniform(2 * inChannels * height * width, random), batch: 2, LinearStep);
        }

        [Fact]
        public void Weight_normalised_Conv2d_gradients_of_v_and_g_match_finite_differences()
        {
            var random = new Random(2);
            var conv = new Conv2d("conv", new Shape(1, 6, 6), 8, random, NormFactory.Weight(8, 1, 3, 3));
            GradientCheck.Layer(conv, GradientCheck.Uniform(2 * 36, random), batch: 2, SmoothStep);
        }

        [Fact]
        public void MaxPool2d_gradient_goes_to_each_window_maximum()
        {
            var random = new Random(3);
            var pool = new MaxPool2d("pool", new Shape(3, 6, 4));
            GradientCheck.Layer(pool, GradientCheck.Distinct(2 * 3 * 6 * 4, random), batch: 2, LinearStep);
        }

        [Fact]
        public void MaxPool2d_drops_an_odd_last_row_and_column()
        {
            var random = new Random(4);
            var pool = new MaxPool2d("pool", new Shape(2, 5, 7));
            Assert.Equal(new Shape(2, 2, 3), pool.OutputShape);
            GradientCheck.Layer(pool, GradientCheck.Distinct(2 * 5 * 7, random), batch: 1, LinearStep);
        }

        [Fact]
        public void Linear_gradients_match_finite_differences()
        {
            var random = new Random(5);
            var linear = new Linear("fc", new Shape(3, 2, 2), 5, random);
            GradientCheck.Layer(linear, GradientCheck.Uniform(3 * 12, random), batch: 3, LinearStep);
        }

        [Fact]
        public void Weight_normalised_Linear_gradients_of_v_and_g_match_finite_differences()
        {
            var random = new Random(6);
            var linear = new Linear("fc", new Shape(16, 7, 7), 10, random, NormFactory.Weight(10, 784));
            GradientCheck.Layer(linear, GradientCheck.Uniform(2 * 784, random), batch: 2, SmoothStep);
        }

        [Theory]
        [InlineData(ActivationFunction.Sigmoid)]
        [InlineData(ActivationFunction.Tanh)]
        public void Smooth_activation_gradients_match_finite_differences(ActivationFunction function)
        {
            var random = new Random(7);
            var activation = new Activation("act", new Shape(2, 3, 3), function);
            GradientCheck.Layer(activation, GradientCheck.Uniform(2 * 18, random, -3f, 3f), batch: 2, SmoothStep);
        }

        [Fact]
        public void ReLU_gradient_matches_finite_differences_away_from_zero()
        {
            var random = new Random(8);
            var activation = new Activation("act", new Shape(2, 3, 3), ActivationFunction.ReLU);
            GradientCheck.Layer(activation, GradientCheck.AwayFromZero(2 * 18, random), batch: 2, LinearStep);
        }

        [Fact]
        public void Softmax_cross_entropy_gradient_matches_finite_differences()
        {
            var random = new Random(9);
            const int batch = 4, classes = 10;
            var logits = GradientCheck.Uniform(batch * classes, random, -4f, 4f);
            var labels = new byte[] { 3, 0, 9, 3 };
            var grad = new float[logits.Length];
            SoftmaxCrossEntropy.Loss(logits, labels, grad, batch, classes);

            GradientCheck.Compare("logits", logits, grad, () => SoftmaxCrossEntropy.Loss(logits, labels, Span<float>.Empty, batch, classes), SmoothStep);
        }

        [Fact]
        public void Softmax_cross_entropy_of_uniform_logits_is_log_of_the_class_count()
        {
            var logits = new float[2 * 10];
            float loss = SoftmaxCrossEntropy.Loss(logits, new byte[] { 1, 7 }, Span<float>.Empty, 2, 10);
            Assert.Equal(Math.Log(10), loss, 6);
        }
    }
}
