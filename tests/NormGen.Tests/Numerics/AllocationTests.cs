using System;
using System.Linq;
using System.Numerics;
using NormGen.Tests.Harness;
using NormGen.Tests.Layers;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>After one warm-up call, Forward and Backward allocate nothing on the managed heap, through the
    /// interface and through the fast overloads, in training and in eval mode.</summary>
    [Trait("Category", "Numerics")]
    public sealed class AllocationTests
    {
        private const int Calls = 50;

        [Theory]
        [MemberData(nameof(LayerScenario.All), MemberType = typeof(LayerScenario))]
        public void Interface_calls_do_not_allocate(string layer) => LayerScenario.Run(layer, new InterfaceCalls());

        [Fact]
        public void Fast_overloads_do_not_allocate()
        {
            var batchNorm = new BatchNorm2dNchwFloat();
            var sequence = new BatchNorm1dLncFloat();
            var layerNorm = new LayerNormNchwDouble();
            var groupNorm = new GroupNorm3NchwFloat();
            var instanceNorm = new InstanceNorm3dNdhwcDouble();
            var allFixed = new BatchNorm2dAllFixedFloat();
            var pooled = new BatchNorm2dNchwFloat();
            float[] x2d = Ramp<float>(3 * 5 * 7 * 9), y2d = new float[x2d.Length], g2d = new float[x2d.Length];
            float[] xSeq = Ramp<float>(11 * 3 * 5), ySeq = new float[xSeq.Length], gSeq = new float[xSeq.Length];
            double[] xLn = Ramp<double>(3 * 5 * 7 * 9), yLn = new double[xLn.Length], gLn = new double[xLn.Length];
            float[] xGn = Ramp<float>(3 * 6 * 7 * 9), yGn = new float[xGn.Length], gGn = new float[xGn.Length];
            double[] x3d = Ramp<double>(3 * 3 * 7 * 9 * 5), y3d = new double[x3d.Length], g3d = new double[x3d.Length];

            void Round()
            {
                batchNorm.Forward(x2d, y2d, batch: 3, height: 7, width: 9);
                batchNorm.Backward(x2d, y2d, g2d, batch: 3, height: 7, width: 9);
                sequence.Forward(xSeq, ySeq, length: 11, batch: 3);
                sequence.Backward(xSeq, ySeq, gSeq, length: 11, batch: 3);
                layerNorm.Forward(xLn, yLn, batch: 3);
                layerNorm.Backward(xLn, yLn, gLn, batch: 3);
                groupNorm.Forward(xGn, yGn, batch: 3, height: 7, width: 9);
                groupNorm.Backward(xGn, yGn, gGn, batch: 3, height: 7, width: 9);
                instanceNorm.Forward(x3d, y3d, batch: 3, depth: 3, height: 7, width: 9);
                instanceNorm.Backward(x3d, y3d, g3d, batch: 3, depth: 3, height: 7, width: 9);
                allFixed.Forward(x2d, y2d);
                allFixed.Backward(x2d, y2d, g2d);

                // (N, C, 1, 1): the runtime's rows-by-channels kernels, in training and in eval mode.
                pooled.Training = true;
                pooled.Forward(x2d.AsSpan(0, 7 * 5), y2d.AsSpan(0, 7 * 5), batch: 7, height: 1, width: 1);
                pooled.Backward(x2d.AsSpan(0, 7 * 5), y2d.AsSpan(0, 7 * 5), g2d.AsSpan(0, 7 * 5), batch: 7, height: 1, width: 1);
                pooled.Training = false;
                pooled.Forward(x2d.AsSpan(0, 7 * 5), y2d.AsSpan(0, 7 * 5), batch: 7, height: 1, width: 1);
                pooled.Backward(x2d.AsSpan(0, 7 * 5), y2d.AsSpan(0, 7 * 5), g2d.AsSpan(0, 7 * 5), batch: 7, height: 1, width: 1);
            }

            Round();
            var windows = SteadyState(Round);
            Assert.True(windows[^1] == 0, $"{Calls} rounds of fast Forward and Backward allocated {string.Join(", then ", windows)} bytes.");
        }

        [Fact]
        public void Reserve_makes_every_call_up_to_that_shape_allocation_free()
        {
            // The statistic count of this InstanceNorm3d depends on the per-call batch. A first instance runs once so
            // that the code is compiled; the measured instance reserves batch 6 and then runs 3 and 6 without warm-up.
            double[] x = Ramp<double>(6 * 3 * 7 * 9 * 5), y = new double[x.Length], g = new double[x.Length];
            int small = 3 * 3 * 7 * 9 * 5;
            var warm = new InstanceNorm3dNdhwcDouble();
            warm.Forward(x.AsSpan(0, small), y.AsSpan(0, small), batch: 3, depth: 3, height: 7, width: 9);
            warm.Backward(x.AsSpan(0, small), x.AsSpan(0, small), g.AsSpan(0, small), batch: 3, depth: 3, height: 7, width: 9);

            var layer = new InstanceNorm3dNdhwcDouble();
            layer.Reserve(batch: 6, depth: 3, height: 7, width: 9);
            long before = GC.GetAllocatedBytesForCurrentThread();
            layer.Forward(x.AsSpan(0, small), y.AsSpan(0, small), batch: 3, depth: 3, height: 7, width: 9);
            layer.Backward(x.AsSpan(0, small), x.AsSpan(0, small), g.AsSpan(0, small), batch: 3, depth: 3, height: 7, width: 9);
            layer.Forward(x, y, batch: 6, depth: 3, height: 7, width: 9);
            layer.Backward(x, x, g, batch: 6, depth: 3, height: 7, width: 9);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(allocated == 0, $"Calls after Reserve allocated {allocated} bytes.");

            var unreserved = new InstanceNorm3dNdhwcDouble();
            before = GC.GetAllocatedBytesForCurrentThread();
            unreserved.Forward(x, y, batch: 6, depth: 3, height: 7, width: 9);
            Assert.True(GC.GetAllocatedBytesForCurrentThread() - before > 0, "Without Reserve the first call at a larger batch grows its buffers.");
        }

        [Fact]
        public void Eval_calls_sharing_a_layer_on_several_threads_allocate_nothing_after_each_threads_first()
        {
            // Eval-mode Forward keeps its statistics in the calling thread's buffers: each thread allocates them on its
            // first call (and grows them at a new largest statistic count), then nothing, whichever layers it serves.
            var instanceNorm = new InstanceNorm3dNdhwcDouble { Training = false };
            var layerNorm = new LayerNormNlcFloat { Training = false };
            var batchNorm = new BatchNorm2dNchwFloat { Training = false };
            double[] x3d = Ramp<double>(6 * 3 * 7 * 9 * 5), y3d = new double[x3d.Length];
            float[] xLn = Ramp<float>(9 * 11 * 5), yLn = new float[xLn.Length];
            float[] x2d = Ramp<float>(3 * 5 * 7 * 9), y2d = new float[x2d.Length];
            var allocated = new long[4];
            var threads = Enumerable.Range(0, allocated.Length).Select(t => new System.Threading.Thread(() =>
            {
                var yOwn3d = new double[y3d.Length];
                var yOwnLn = new float[yLn.Length];
                var yOwn2d = new float[y2d.Length];
                void Round()
                {
                    instanceNorm.Forward(x3d, yOwn3d, batch: 6, depth: 3, height: 7, width: 9);
                    instanceNorm.Forward(x3d.AsSpan(0, x3d.Length / 2), yOwn3d.AsSpan(0, x3d.Length / 2), batch: 3, depth: 3, height: 7, width: 9);
                    layerNorm.Forward(xLn, yOwnLn, batch: 9, length: 11);
                    batchNorm.Forward(x2d, yOwn2d, batch: 3, height: 7, width: 9);
                }

                Round();
                allocated[t] = SteadyState(Round)[^1];
            })).ToArray();
            foreach (var thread in threads)
            {
                thread.Start();
            }

            foreach (var thread in threads)
            {
                thread.Join();
            }

            Assert.True(allocated.All(bytes => bytes == 0), $"Eval rounds after each thread's first allocated {string.Join(", ", allocated)} bytes on threads 0 to 3.");
        }

        /// <summary>
        /// Bytes the calling thread allocates over <see cref="Calls"/> calls, measured in up to three windows until one
        /// allocates nothing. A per-call allocation shows in every window (each has <see cref="Calls"/> calls); what the
        /// runtime itself allocates once on the thread (type loading, first-time bookkeeping, seen once in a CI run
        /// after thousands of other tests) shows in one window only.
        /// </summary>
        private static System.Collections.Generic.List<long> SteadyState(Action call)
        {
            var windows = new System.Collections.Generic.List<long>();
            do
            {
                long before = GC.GetAllocatedBytesForCurrentThread();
                for (int i = 0; i < Calls; i++)
                {
                    call();
                }

                windows.Add(GC.GetAllocatedBytesForCurrentThread() - before);
            }
            while (windows[^1] != 0 && windows.Count < 3);
            return windows;
        }

        private static T[] Ramp<T>(int count)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var values = new T[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = T.CreateTruncating(((i * 37) % 101) / 25.0);
            }

            return values;
        }

        private sealed class InterfaceCalls : ILayerScenario
        {
            public void Run<T>(LayerHarness<T> harness)
                where T : unmanaged, IFloatingPointIeee754<T>
            {
                var layer = harness.Layer;
                int[] shape = harness.Shape.Extents;
                T[] x = LayerHarness<T>.ToElements(harness.RandomInput());
                T[] dy = LayerHarness<T>.ToElements(harness.RandomOutputGrad());
                var y = new T[x.Length];
                var dx = new T[x.Length];

                foreach (bool training in new[] { true, false })
                {
                    layer.Training = training;
                    layer.Forward(x, y, shape);
                    layer.Backward(x, dy, dx, shape);

                    var windows = SteadyState(() =>
                    {
                        layer.Forward(x, y, shape);
                        layer.Backward(x, dy, dx, shape);
                    });
                    Assert.True(windows[^1] == 0, $"{harness.Name} (Training = {training}): {Calls} Forward/Backward pairs allocated {string.Join(", then ", windows)} bytes.");
                }
            }
        }
    }
}
