using System;
using System.Linq;
using NormGen.Samples.FashionMnist.Nn;
using NormGen.Samples.FashionMnist.Normalization;
using NormGen.Samples.FashionMnist.Training;
using Xunit;

namespace NormGen.Samples.Tests
{
    /// <summary>Eval mode changes exactly the layers with running statistics: BatchNorm then normalises with them (so a
    /// sample's output no longer depends on the rest of its batch); the other kinds compute the same in both modes.</summary>
    public sealed class EvalModeTests
    {
        private const int Batch = 16, Size = 28 * 28;

        [Fact]
        public void BatchNorm_in_eval_mode_normalises_with_its_running_statistics()
        {
            var (network, data) = Trained(NormKind.BatchNorm);
            var norm = (NormLayer)network.Layers.First(l => l is NormLayer);
            var conv = (Conv2d)network.Layers[0];
            var convOutput = new float[Batch * conv.OutputShape.Size];
            var normOutput = new float[convOutput.Length];
            conv.Forward(data.Images, convOutput, Batch);

            norm.Training = false;
            norm.Forward(convOutput, normOutput, Batch);

            var layer = norm.Layer;
            Assert.Equal(3, layer.NumBatchesTracked);

            // float: x − mean, times 1/σ, γ and β rounded once each, about 4 ulp of values of order 1.
            int plane = conv.OutputShape.Height * conv.OutputShape.Width;
            for (int i = 0; i < convOutput.Length; i++)
            {
                int c = i / plane % conv.OutputShape.Channels;
                double expected = (convOutput[i] - layer.RunningMean![c]) / Math.Sqrt(layer.RunningVar![c] + 1e-5) * layer.Weight![c] + layer.Bias![c];
                Assert.True(Math.Abs(normOutput[i] - expected) <= 1e-5 * (1 + Math.Abs(expected)), $"element {i}: {normOutput[i]} against {expected}");
            }
        }

        [Fact]
        public void BatchNorm_outputs_depend_on_the_batch_in_training_and_not_in_eval()
        {
            var (network, data) = Trained(NormKind.BatchNorm);
            var firstHalf = data.Images.AsSpan(0, Batch / 2 * Size);

            network.Training = true;
            var trainingFull = network.Forward(data.Images, Batch).Slice(0, 10).ToArray();
            var trainingHalf = network.Forward(firstHalf, Batch / 2).Slice(0, 10).ToArray();
            network.Training = false;
            var evalFull = network.Forward(data.Images, Batch).Slice(0, 10).ToArray();
            var evalHalf = network.Forward(firstHalf, Batch / 2).Slice(0, 10).ToArray();

            Assert.NotEqual(trainingFull, trainingHalf);
            Assert.Equal(evalFull, evalHalf);
            Assert.NotEqual(trainingFull, evalFull);
        }

        [Theory]
        [InlineData(NormKind.GroupNorm)]
        [InlineData(NormKind.LayerNorm)]
        [InlineData(NormKind.InstanceNorm)]
        [InlineData(NormKind.WeightNorm)]
        [InlineData(NormKind.None)]
        public void Kinds_without_running_statistics_compute_the_same_in_both_modes(NormKind norm)
        {
            var (network, data) = Trained(norm);
            Assert.All(network.Layers.OfType<NormLayer>(), l => Assert.Null(l.Layer.RunningMean));

            network.Training = true;
            var training = network.Forward(data.Images, Batch).ToArray();
            network.Training = false;
            var eval = network.Forward(data.Images, Batch).ToArray();
            var evalAlone = network.Forward(data.Images.AsSpan(0, Size), 1).ToArray();

            Assert.Equal(training, eval);
            Assert.Equal(eval.AsSpan(0, 10).ToArray(), evalAlone);
        }

        private static (Network Network, FashionMnist.Data.DataSet Data) Trained(NormKind norm)
        {
            var data = TestData.Slice(Batch);
            var network = Models.Build(Architecture.Small, 8, norm, ActivationFunction.ReLU, new Random(5));
            var optimizer = new Sgd(network.Parameters, 0.02f, 0.9f, 0f);
            for (int step = 0; step < 3; step++)
            {
                network.TrainStep(data.Images, data.Labels, Batch, optimizer);
            }

            return (network, data);
        }
    }
}
