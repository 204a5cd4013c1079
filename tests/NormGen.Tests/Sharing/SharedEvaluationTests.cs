using System;
using System.Linq;
using NormGen.Tests.Harness;
using NormGen.Tests.Layers;
using NormGen.Tests.Numerics;
using Xunit;

namespace NormGen.Tests.Sharing
{
    /// <summary>
    /// Eval-mode Forward writes nothing but its output, so threads sharing one instance each get bitwise the
    /// single-threaded result: issue 21's three layers (4 threads, 20,000 calls each), every declared layer with 2, 4
    /// and 8 threads on inputs of different shapes, and layers that themselves use threads (MaxDegreeOfParallelism)
    /// on shapes large enough to split.
    /// </summary>
    [Trait("Category", "Numerics")]
    public sealed class SharedEvaluationTests
    {
        public static TheoryData<string, int[]> IssueTable => new()
        {
            { typeof(SharedLayerNormFloat).FullName!, [1, 64] },
            { typeof(SharedGroupNormFloat).FullName!, [2, 8, 4, 4] },
            { typeof(SharedBatchNormFloat).FullName!, [2, 8, 4, 4] },
        };

        public static TheoryData<string, int> EveryLayer
        {
            get
            {
                var data = new TheoryData<string, int>();
                foreach (string layer in DeclaredLayer.All.Keys.Order(StringComparer.Ordinal))
                {
                    foreach (int threads in new[] { 2, 4, 8 })
                    {
                        data.Add(layer, threads);
                    }
                }

                return data;
            }
        }

        [Theory]
        [MemberData(nameof(IssueTable))]
        public void Issue_table_layers_give_every_thread_the_single_threaded_output(string layer, int[] shape)
        {
            var declared = DeclaredLayer.Named(layer);
            var (wrong, checkedElements) = SharedEvaluation.Run<float>(declared, threads: 4, rounds: 20_000, _ => shape, shapesPerThread: 1);
            Assert.True(wrong == 0, $"{declared.Type.Name}: {wrong:N0} of {checkedElements:N0} outputs differ from the single-threaded result.");
        }

        [Theory]
        [MemberData(nameof(EveryLayer))]
        public void Every_layer_gives_every_thread_the_single_threaded_output(string layer, int threads)
        {
            var declared = DeclaredLayer.Named(layer);
            // Shapes differ between threads and calls: the per-call extents run over the standard ones plus 0, 1, 2.
            int[] ShapeOf(int index) => declared.ShapeWith(axis => Standard(declared, axis) + (index % 3));
            var (wrong, checkedElements) = declared.ElementType == typeof(float)
                ? SharedEvaluation.Run<float>(declared, threads, rounds: 40, ShapeOf, shapesPerThread: 3)
                : SharedEvaluation.Run<double>(declared, threads, rounds: 40, ShapeOf, shapesPerThread: 3);
            Assert.True(wrong == 0, $"{declared.Type.Name}, {threads} threads: {wrong:N0} of {checkedElements:N0} outputs differ from the single-threaded result.");
        }

        [Theory]
        [MemberData(nameof(ParallelTests.Cases), MemberType = typeof(ParallelTests))]
        public void Layers_using_threads_themselves_give_every_caller_the_single_threaded_output(string layer, int[] shape)
        {
            var declared = DeclaredLayer.Named(layer);
            var (wrong, checkedElements) = declared.ElementType == typeof(float)
                ? SharedEvaluation.Run<float>(declared, threads: 3, rounds: 4, _ => shape, shapesPerThread: 1, maxDegreeOfParallelism: 2)
                : SharedEvaluation.Run<double>(declared, threads: 3, rounds: 4, _ => shape, shapesPerThread: 1, maxDegreeOfParallelism: 2);
            Assert.True(wrong == 0, $"{declared.Type.Name}: {wrong:N0} of {checkedElements:N0} outputs differ from the single-threaded result.");
        }

        private static int Standard(DeclaredLayer declared, char axis) => declared.StandardShape()[declared.Spec.Layout.IndexOf(axis, StringComparison.Ordinal)];
    }
}
