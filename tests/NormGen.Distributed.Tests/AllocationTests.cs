using System;
using System.Linq;
using Xunit;

namespace NormGen.Distributed.Tests
{
    /// <summary>After the first synchronised step (which creates the layer's synchronised state and exchange buffers),
    /// steps allocate nothing on the calling thread: the kernels, the merges and the exchange reuse them.</summary>
    public sealed class AllocationTests
    {
        [Fact]
        public void SynchronisedStepsAllocateNothingAfterTheFirst()
        {
            var collective = new Alone();
            Assert.Equal(0, Allocated(new SyncNchwFloat(), collective, new[] { 3, 5, 6, 6 }));
            Assert.Equal(0, Allocated(new SyncNchwFloat(), collective, new[] { 3, 5, 2, 2 }));
            Assert.Equal(0, Allocated(new SyncNhwcDouble(), collective, new[] { 3, 4, 4, 5 }));
            Assert.Equal(0, Allocated(new SyncBatchGroupFloat(), collective, new[] { 2, 6, 5, 5 }));
        }

        [Fact]
        public void InProcessExchangesAllocateNothingAfterTheFirst()
        {
            long allocated = 0;
            InProcessCollective.Run(2, collective =>
            {
                var local = new double[7];
                var gathered = new double[14];
                collective.AllGather(local, gathered);
                long before = GC.GetAllocatedBytesForCurrentThread();
                collective.AllGather(local, gathered);
                System.Threading.Interlocked.Add(ref allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            });
            Assert.Equal(0, allocated);
        }

        private static long Allocated<T>(ISynchronizedNormalizationLayer<T> layer, ICollective collective, int[] shape)
            where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
        {
            int count = shape.Aggregate(1, (a, b) => a * b);
            var x = Enumerable.Range(0, count).Select(i => T.CreateTruncating(Math.Sin(i))).ToArray();
            var y = new T[count];
            var dx = new T[count];
            var moments = new double[3 * layer.SynchronizedStatisticCount];
            var sums = new double[2 * layer.SynchronizedStatisticCount];
            void Step()
            {
                layer.ForwardSynchronized(x, y, collective, shape);
                layer.BackwardSynchronized(x, y, dx, collective, shape);
                layer.ComputeLocalMoments(x, moments, shape);
                layer.ForwardFromMoments(x, y, moments, shape);
                layer.ComputeLocalGradientSums(x, y, sums, shape);
                layer.BackwardFromGradientSums(x, y, dx, sums, shape);
            }

            Step();
            long before = GC.GetAllocatedBytesForCurrentThread();
            Step();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        // A group of one that hands the values back: the layer's own allocations, apart from any transport's.
        private sealed class Alone : ICollective
        {
            public int Rank => 0;

            public int Size => 1;

            public void AllGather(ReadOnlySpan<double> local, Span<double> gathered) => local.CopyTo(gathered);
        }
    }
}
