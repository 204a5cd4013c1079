using System;
using NormGen.Tests.Harness;
using NormGen.Tests.Reference;
using Xunit;

namespace NormGen.Tests.ReferenceTests
{
    /// <summary>The reference backward pass and running-statistics update on hand-computed cases.</summary>
    [Trait("Category", "Numerics")]
    public sealed class ReferenceBackwardHandTests
    {
        private const double Exact = 1e-14;

        [Fact]
        public void Batch_statistics_gradient_of_three_values()
        {
            // x = {0, 1, 2}: mean 1, var 2/3, invstd = sqrt(1.5), xhat = sqrt(1.5) * {-1, 0, 1}.
            // dy = {1, 0, 0}, weight {2, 1, 1}: g = {2, 0, 0}, mean(g) = 2/3, mean(g * xhat) = -2 sqrt(1.5) / 3.
            // dx = invstd * (g - 2/3 + xhat * 2 sqrt(1.5) / 3) = sqrt(1.5) * {2 - 2/3 - 1, -2/3, -2/3 + 1} = sqrt(1.5) * {1/3, -2/3, 1/3}.
            var spec = new NormSpec("NC", "C", 0, 0, 0.1, false, true, false);
            var shape = new LayoutShape("NC", [1, 3]);
            double[] weight = [2, 1, 1];
            var forward = ReferenceNorm.Forward(spec, shape, [0, 1, 2], weight, [0, 0, 0]);
            var gradients = ReferenceNorm.Backward(spec, shape, forward, [1, 0, 0], weight);

            double root = Math.Sqrt(1.5);
            NumericAssert.Close("dx", [root / 3, -2 * root / 3, root / 3], gradients.Input, Exact);
            NumericAssert.Close("dweight", [-root, 0, 0], gradients.Weight!, Exact);
            NumericAssert.Close("dbias", [1, 0, 0], gradients.Bias!, Exact);
        }

        [Fact]
        public void Two_values_have_no_input_gradient_without_epsilon()
        {
            // With two values and eps 0 the output is {-1, 1} whatever x is, so dx = 0.
            var spec = new NormSpec("NC", "N", 0, 0, 0.1, false, false, false);
            var shape = new LayoutShape("NC", [2, 1]);
            var forward = ReferenceNorm.Forward(spec, shape, [1, 4], null, null);
            var gradients = ReferenceNorm.Backward(spec, shape, forward, [0.3, -1.7], null);

            NumericAssert.Within("dx", [0, 0], gradients.Input, 1e-15);
            Assert.Null(gradients.Weight);
        }

        [Fact]
        public void Running_statistics_gradient_is_a_plain_scale()
        {
            // running mean 0.5, var 3, eps 1: invstd 1/2, xhat = {0.25, 1.25}; weight 4; dy = {1, 2}.
            // dx = dy * 4 * 1/2 = {2, 4}; dweight = 0.25 + 2.5 = 2.75; dbias = 3.
            var spec = new NormSpec("NC", "N", 0, 1, 0.1, false, true, true);
            var shape = new LayoutShape("NC", [2, 1]);
            var forward = ReferenceNorm.ForwardWithRunningStatistics(spec, shape, [1, 3], [4], [0], [0.5], [3]);
            var gradients = ReferenceNorm.Backward(spec, shape, forward, [1, 2], [4]);

            NumericAssert.Close("dx", [2, 4], gradients.Input, Exact);
            NumericAssert.Close("dweight", [2.75], gradients.Weight!, Exact);
            NumericAssert.Close("dbias", [3], gradients.Bias!, Exact);
        }

        [Fact]
        public void Momentum_update_uses_the_unbiased_variance()
        {
            // Batch {1, 3}: mean 2, unbiased var 2 -> running {0.9*0 + 0.2, 0.9*1 + 0.2} = {0.2, 1.1}.
            // Batch {5, 9}: mean 7, unbiased var 8 -> {0.18 + 0.7, 0.99 + 0.8} = {0.88, 1.79}.
            var layer = new ReferenceLayer(new NormSpec("NC", "N", 0, 1e-5, 0.1, false, true, true), 1, 1);
            var shape = new LayoutShape("NC", [2, 1]);

            layer.Forward(shape, [1, 3]);
            NumericAssert.Close("running mean after 1", [0.2], layer.RunningMean!, Exact);
            NumericAssert.Close("running var after 1", [1.1], layer.RunningVar!, Exact);

            layer.Forward(shape, [5, 9]);
            NumericAssert.Close("running mean after 2", [0.88], layer.RunningMean!, Exact);
            NumericAssert.Close("running var after 2", [1.79], layer.RunningVar!, Exact);
            Assert.Equal(2, layer.NumBatchesTracked);
        }

        [Fact]
        public void Cumulative_average_is_the_mean_of_the_batches()
        {
            // m = 1 then 1/2: running = batch 1, then the average of batches 1 and 2.
            var layer = new ReferenceLayer(new NormSpec("NC", "N", 0, 1e-5, 0.1, true, true, true), 1, 1);
            var shape = new LayoutShape("NC", [2, 1]);

            layer.Forward(shape, [1, 3]);
            NumericAssert.Close("running after 1", [2, 2], [layer.RunningMean![0], layer.RunningVar![0]], Exact);

            layer.Forward(shape, [5, 9]);
            NumericAssert.Close("running after 2", [4.5, 5], [layer.RunningMean[0], layer.RunningVar[0]], Exact);
        }

        [Fact]
        public void Instance_style_running_statistics_average_over_the_batch()
        {
            // NCL, N=2 C=1 L=2: (n=0) {1, 3} mean 2 unbiased var 2; (n=1) {5, 9} mean 7 unbiased var 8.
            // Batch averages 4.5 and 5 -> running {0.45, 0.9 + 0.5}.
            var layer = new ReferenceLayer(new NormSpec("NCL", "L", 0, 1e-5, 0.1, false, true, true), 1, 1);

            layer.Forward(new LayoutShape("NCL", [2, 1, 2]), [1, 3, 5, 9]);

            NumericAssert.Close("running", [0.45, 1.4], [layer.RunningMean![0], layer.RunningVar![0]], Exact);
            Assert.Equal(1, layer.NumBatchesTracked);
        }

        [Fact]
        public void Backward_accumulates_parameter_gradients()
        {
            var layer = new ReferenceLayer(new NormSpec("NC", "N", 0, 0, 0.1, false, true, false), 1, 1);
            layer.Forward(new LayoutShape("NC", [2, 1]), [1, 3]);

            layer.Backward([1, 2]);
            layer.Backward([1, 2]);

            // xhat = {-1, 1}: dweight = 2 * (-1 + 2), dbias = 2 * 3.
            NumericAssert.Close("weight grad", [2], layer.WeightGrad!, Exact);
            NumericAssert.Close("bias grad", [6], layer.BiasGrad!, Exact);
        }
    }
}
