using System;
using System.Linq;
using Xunit;

namespace NormGen.Distributed.Tests
{
    public sealed class InProcessCollectiveTests
    {
        [Fact]
        public void AllGatherGivesEveryRankEveryRanksValuesInRankOrder()
        {
            var received = new double[3][];
            InProcessCollective.Run(3, collective =>
            {
                var gathered = new double[6];
                for (int round = 0; round < 3; round++)
                {
                    collective.AllGather(new double[] { collective.Rank, 10 * collective.Rank + round }, gathered);
                }

                received[collective.Rank] = gathered;
            });

            Assert.All(received, r => Assert.Equal(new double[] { 0, 2, 1, 12, 2, 22 }, r));
        }

        [Fact]
        public void DifferentLengthsThrowOnEveryRank()
        {
            var failure = Assert.Throws<AggregateException>(() => InProcessCollective.Run(2, collective =>
            {
                int length = collective.Rank + 1;
                collective.AllGather(new double[length], new double[2 * length]);
            }));

            Assert.Equal(2, failure.InnerExceptions.Count);
            Assert.All(failure.InnerExceptions, e => Assert.Contains("different lengths", Assert.IsType<InvalidOperationException>(e).Message));
        }

        [Fact]
        public void ARankThatFailsMakesTheOthersFailInsteadOfWaiting()
        {
            var failure = Assert.Throws<AggregateException>(() => InProcessCollective.Run(3, collective =>
            {
                if (collective.Rank == 1)
                {
                    throw new InvalidOperationException("rank 1 gives up");
                }

                collective.AllGather(new double[1], new double[3]);
            }));

            Assert.Equal(3, failure.InnerExceptions.Count);
            Assert.Equal("rank 1 gives up", failure.InnerExceptions[1].Message);
            Assert.Contains("aborted", failure.InnerExceptions[0].Message);
            Assert.Contains("aborted", failure.InnerExceptions[2].Message);
        }

        [Fact]
        public void AGroupNeedsAMember()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => InProcessCollective.Create(0));
            Assert.Equal(new[] { 0, 1 }, InProcessCollective.Create(2).Select(c => c.Rank));
        }
    }
}
