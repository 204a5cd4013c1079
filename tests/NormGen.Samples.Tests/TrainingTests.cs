using System;
using System.Linq;
using NormGen.Samples.FashionMnist.Experiments;
using NormGen.Samples.FashionMnist.Nn;
using NormGen.Samples.FashionMnist.Normalization;
using NormGen.Samples.FashionMnist.Training;
using Xunit;

namespace NormGen.Samples.Tests
{
    public sealed class TrainingTests
    {
        public static readonly TheoryData<NormKind> Kinds = new(Enum.GetValues<NormKind>());

        [Theory]
        [MemberData(nameof(Kinds))]
        public void A_few_steps_on_a_tiny_slice_lower_the_loss(NormKind norm)
        {
            var data = TestData.Slice(32);
            var network = Models.Build(Architecture.Small, 8, norm, ActivationFunction.ReLU, new Random(3));
            var optimizer = new Sgd(network.Parameters, 0.02f, 0.9f, 5e-4f);

            var losses = Enumerable.Range(0, 12).Select(_ => network.TrainStep(data.Images, data.Labels, 32, optimizer)).ToArray();

            Assert.All(losses, l => Assert.True(float.IsFinite(l)));
            // A drop of 0.1 is far beyond float noise on a loss of about 2.3 (1e-6).
            Assert.True(losses[^1] < losses[0] - 0.1f, $"{norm}: losses {string.Join(", ", losses.Select(l => l.ToString("F4")))}");
        }

        [Theory]
        [InlineData(NormKind.BatchNorm)]
        [InlineData(NormKind.WeightNorm)]
        public void The_same_seed_gives_identical_losses_and_accuracies(NormKind norm)
        {
            var train = TestData.Slice(160);
            var test = TestData.Slice(60);
            var settings = new Settings(Epochs: 2, Batch: 16, LearningRate: 0.02f, Momentum: 0.9f, WeightDecay: 5e-4f, Width: 8, Seed: 11, LearningRateFactor: 8f);
            var spec = new RunSpec("test", "run", Architecture.Small, 8, norm, ActivationFunction.ReLU, 16, 0.02f, 2);

            var first = Runner.Run(spec, settings, train, test);
            var second = Runner.Run(spec, settings, train, test);
            var otherSeed = Runner.Run(spec, settings with { Seed = 12 }, train, test);

            Assert.Equal(first.Epochs.Select(e => (e.TrainLoss, e.TestAccuracy)), second.Epochs.Select(e => (e.TrainLoss, e.TestAccuracy)));
            Assert.NotEqual(first.Epochs[0].TrainLoss, otherSeed.Epochs[0].TrainLoss);
        }

        [Fact]
        public void The_learning_rate_follows_a_cosine_over_the_epochs()
        {
            Assert.Equal(0.1f, Runner.CosineLearningRate(0.1f, 0, 4));
            Assert.Equal(0.05f, Runner.CosineLearningRate(0.1f, 2, 4), 6);
            Assert.Equal(0.1 * 0.5 * (1 + Math.Cos(Math.PI * 3 / 4)), Runner.CosineLearningRate(0.1f, 3, 4), 6);
        }
    }
}
