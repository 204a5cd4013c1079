using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using Xunit;

namespace NormGen.Tests.Harness
{
    /// <summary>A bitwise copy of everything a call may write: the caller's output buffers and the layer's parameters,
    /// gradients, running statistics and batch count.</summary>
    public sealed class LayerSnapshot<T>
        where T : unmanaged
    {
        private readonly List<(string Name, byte[]? Bytes)> _parts = [];
        private readonly long _numBatchesTracked;

        private LayerSnapshot(INormalizationLayer<T> layer, (string Name, T[] Buffer)[] buffers)
        {
            foreach (var (name, array) in Parts(layer, buffers))
            {
                _parts.Add((name, array is null ? null : MemoryMarshal.AsBytes(array.AsSpan()).ToArray()));
            }

            _numBatchesTracked = layer.NumBatchesTracked;
        }

        public static LayerSnapshot<T> Capture(INormalizationLayer<T> layer, params (string Name, T[] Buffer)[] buffers) => new(layer, buffers);

        /// <summary>Fails naming the first part that differs in any bit.</summary>
        public void AssertUnchanged(INormalizationLayer<T> layer, string after, params (string Name, T[] Buffer)[] buffers)
        {
            var now = Parts(layer, buffers);
            Assert.Equal(_parts.Count, now.Count);
            for (int i = 0; i < now.Count; i++)
            {
                var (name, array) = now[i];
                byte[]? before = _parts[i].Bytes;
                bool same = before is null
                    ? array is null
                    : array is not null && MemoryMarshal.AsBytes(array.AsSpan()).SequenceEqual(before);
                Assert.True(same, $"{name} changed after {after}.");
            }

            Assert.True(_numBatchesTracked == layer.NumBatchesTracked, $"NumBatchesTracked changed from {_numBatchesTracked} to {layer.NumBatchesTracked} after {after}.");
        }

        private static List<(string Name, T[]? Array)> Parts(INormalizationLayer<T> layer, (string Name, T[] Buffer)[] buffers)
        {
            var parts = new List<(string Name, T[]? Array)>
            {
                ("Weight", layer.Weight),
                ("Bias", layer.Bias),
                ("WeightGrad", layer.WeightGrad),
                ("BiasGrad", layer.BiasGrad),
                ("RunningMean", layer.RunningMean),
                ("RunningVar", layer.RunningVar),
            };
            foreach (var (name, buffer) in buffers)
            {
                parts.Add((name, buffer));
            }

            return parts;
        }
    }
}
