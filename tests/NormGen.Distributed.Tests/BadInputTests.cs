using System;
using System.Linq;
using Xunit;

namespace NormGen.Distributed.Tests
{
    /// <summary>Bad input to the synchronised methods: a clear exception on every rank that takes part, and nothing
    /// written.</summary>
    public sealed class BadInputTests
    {
        [Fact]
        public void OneValuePerChannelOverAllRanksThrowsOnEveryRankAndWritesNothing()
        {
            var layers = new[] { new SyncNcFloat(), new SyncNcFloat(), new SyncNcFloat() };
            int[] slices = { 0, 1, 0 };
            var outputs = slices.Select(n => Enumerable.Repeat(-3f, n * 6).ToArray()).ToArray();
            var failure = Assert.Throws<AggregateException>(() => InProcessCollective.Run(3, collective =>
            {
                int r = collective.Rank;
                layers[r].ForwardSynchronized(Enumerable.Repeat(1f, slices[r] * 6).ToArray(), outputs[r], collective, slices[r]);
            }));

            Assert.Equal(3, failure.InnerExceptions.Count);
            Assert.All(failure.InnerExceptions, e => Assert.Contains("more than 1 value per statistic", Assert.IsType<ArgumentException>(e).Message));
            Assert.All(outputs, o => Assert.All(o, v => Assert.Equal(-3f, v)));
            Assert.All(layers, l =>
            {
                Assert.All(l.RunningMean, v => Assert.Equal(0f, v));
                Assert.All(l.RunningVar, v => Assert.Equal(1f, v));
                Assert.Equal(0, l.NumBatchesTracked);
            });
        }

        [Fact]
        public void DifferentChannelCountsThrowOnEveryRank()
        {
            var failure = Assert.Throws<AggregateException>(() => InProcessCollective.Run(3, collective =>
            {
                int channels = collective.Rank == 2 ? 5 : 4;
                var layer = new SyncConstructedFloat(channels);
                layer.ForwardSynchronized(new float[2 * channels * 4], new float[2 * channels * 4], collective, 2, 2, 2);
            }));

            Assert.Equal(3, failure.InnerExceptions.Count);
            Assert.All(failure.InnerExceptions, e =>
            {
                string message = Assert.IsType<InvalidOperationException>(e).Message;
                Assert.Contains("differ across ranks", message);
                Assert.Contains("rank 2 has 5 channels", message);
            });
        }

        [Fact]
        public void AnotherEpsilonOnOneRankThrowsOnEveryRank()
        {
            var failure = Assert.Throws<AggregateException>(() => InProcessCollective.Run(2, collective =>
            {
                ISynchronizedNormalizationLayer<float> layer = collective.Rank == 0 ? new SyncNchwFloat() : new SyncNchwFloatOtherEpsilon();
                layer.ForwardSynchronized(new float[2 * 5 * 4], new float[2 * 5 * 4], collective, new[] { 2, 5, 2, 2 });
            }));

            Assert.Equal(2, failure.InnerExceptions.Count);
            Assert.All(failure.InnerExceptions, e => Assert.Contains("differ across ranks", Assert.IsType<InvalidOperationException>(e).Message));
        }

        [Fact]
        public void RanksOutOfStepThrowOnEveryRank()
        {
            var failure = Assert.Throws<AggregateException>(() => InProcessCollective.Run(2, collective =>
            {
                var layer = new SyncNchwFloat();
                var x = Enumerable.Range(0, 2 * 5 * 4).Select(i => (float)i).ToArray();
                var y = new float[x.Length];
                layer.ForwardSynchronized(x, y, collective, 2, 2, 2);
                if (collective.Rank == 0)
                {
                    layer.ForwardSynchronized(x, y, collective, 2, 2, 2);
                }
                else
                {
                    layer.BackwardSynchronized(x, y, new float[x.Length], collective, 2, 2, 2);
                }
            }));

            Assert.Equal(2, failure.InnerExceptions.Count);
            Assert.All(failure.InnerExceptions, e => Assert.IsType<InvalidOperationException>(e));
        }

        [Fact]
        public void PlainBackwardAfterSynchronisedForwardThrows()
        {
            var layer = new SyncNchwFloat();
            var x = Enumerable.Range(0, 2 * 5 * 4).Select(i => (float)(i % 3)).ToArray();
            InProcessCollective.Run(1, collective => layer.ForwardSynchronized(x, new float[x.Length], collective, 2, 2, 2));
            Assert.Throws<InvalidOperationException>(() => layer.Backward(x, x, new float[x.Length], 2, 2, 2));
        }

        [Fact]
        public void SynchronisedBackwardAfterPlainForwardThrowsAndWritesNothing()
        {
            var layer = new SyncNchwFloat();
            var x = Enumerable.Range(0, 2 * 5 * 4).Select(i => (float)(i % 3)).ToArray();
            InProcessCollective.Run(1, collective => layer.ForwardSynchronized(x, new float[x.Length], collective, 2, 2, 2));
            layer.Forward(x, new float[x.Length], 2, 2, 2);
            var dx = Enumerable.Repeat(9f, x.Length).ToArray();
            var failure = Assert.Throws<AggregateException>(() => InProcessCollective.Run(1, collective => layer.BackwardSynchronized(x, x, dx, collective, 2, 2, 2)));
            Assert.Contains("synchronised training Forward", Assert.IsType<InvalidOperationException>(Assert.Single(failure.InnerExceptions)).Message);
            Assert.All(dx, v => Assert.Equal(9f, v));
            Assert.All(layer.WeightGrad, v => Assert.Equal(0f, v));
        }

        [Fact]
        public void SynchronisedBackwardAfterAnEvalSynchronisedForwardAndThenAPlainTrainingForwardThrows()
        {
            var layer = new SyncNchwFloat { Training = false };
            var x = Enumerable.Range(0, 2 * 5 * 4).Select(i => (float)(i % 3)).ToArray();
            var collective = InProcessCollective.Create(1)[0];
            layer.ForwardSynchronized(x, new float[x.Length], collective, 2, 2, 2);
            layer.Training = true;
            layer.Forward(x, new float[x.Length], 2, 2, 2);
            Assert.Throws<InvalidOperationException>(() => layer.BackwardSynchronized(x, x, new float[x.Length], collective, 2, 2, 2));
        }

        [Fact]
        public void SynchronisedBackwardOfAnotherShapeThrows()
        {
            var layer = new SyncNchwFloat();
            var x = Enumerable.Range(0, 2 * 5 * 4).Select(i => (float)(i % 3)).ToArray();
            var failure = Assert.Throws<AggregateException>(() => InProcessCollective.Run(1, collective =>
            {
                layer.ForwardSynchronized(x, new float[x.Length], collective, 2, 2, 2);
                layer.BackwardSynchronized(x, x, new float[x.Length], collective, 1, 4, 2);
            }));
            Assert.Contains("the last one had shape (N=2, C=5, H=2, W=2)", Assert.Single(failure.InnerExceptions).Message);
        }

        [Fact]
        public void ShapesAndLengthsAreChecked()
        {
            var layer = new SyncNchwFloat();
            var collective = InProcessCollective.Create(1)[0];
            Assert.Contains("must not be negative", Assert.Throws<ArgumentException>(() => layer.ForwardSynchronized(new float[0], new float[0], collective, -1, 2, 2)).Message);
            Assert.Throws<ArgumentException>(() => layer.ForwardSynchronized(new float[0], new float[0], collective, 0, 0, 2));
            Assert.Throws<ArgumentException>(() => layer.ForwardSynchronized(new float[40], new float[39], collective, 2, 2, 2));
            Assert.Throws<ArgumentException>(() => layer.ForwardSynchronized(new float[40], new float[40], collective, new[] { 2, 4, 2, 2 }));
            Assert.Contains("need exactly 15", Assert.Throws<ArgumentException>(() => layer.ComputeLocalMoments(new float[40], new double[14], 2, 2, 2)).Message);
            Assert.Throws<ArgumentException>(() => layer.ForwardFromMoments(new float[40], new float[40], new double[16], 2, 2, 2));
            Assert.Throws<ArgumentNullException>(() => layer.ForwardSynchronized(new float[40], new float[40], null!, 2, 2, 2));
            layer.Training = false;
            Assert.Throws<InvalidOperationException>(() => layer.ForwardFromMoments(new float[40], new float[40], new double[15], 2, 2, 2));
        }

        [Fact]
        public void EvalModeIsThePlainLayerAndExchangesNothing()
        {
            var synchronised = new SyncNhwcFloat { Training = false };
            var plain = new SyncNhwcFloat { Training = false };
            for (int c = 0; c < 5; c++)
            {
                synchronised.RunningMean[c] = plain.RunningMean[c] = 0.1f * c;
                synchronised.RunningVar[c] = plain.RunningVar[c] = 1 + c;
            }

            var x = Enumerable.Range(0, 3 * 2 * 2 * 5).Select(i => (float)Math.Sin(i)).ToArray();
            var expected = new float[x.Length];
            var actual = new float[x.Length];
            var expectedGrad = new float[x.Length];
            var actualGrad = new float[x.Length];
            plain.Forward(x, expected, 3, 2, 2);
            plain.Backward(x, x, expectedGrad, 3, 2, 2);
            var refusing = new RefusingCollective();
            synchronised.ForwardSynchronized(x, actual, refusing, 3, 2, 2);
            synchronised.BackwardSynchronized(x, x, actualGrad, refusing, 3, 2, 2);
            Assert.Equal(expected, actual);
            Assert.Equal(expectedGrad, actualGrad);
            Assert.Equal(plain.WeightGrad, synchronised.WeightGrad);
        }

        private sealed class RefusingCollective : ICollective
        {
            public int Rank => 0;

            public int Size => 2;

            public void AllGather(ReadOnlySpan<double> local, Span<double> gathered) =>
                throw new InvalidOperationException("Eval mode must not exchange anything.");
        }
    }
}
