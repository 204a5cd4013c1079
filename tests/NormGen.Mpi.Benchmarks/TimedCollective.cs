using System;
using System.Diagnostics;
using NormGen.Distributed;

namespace NormGen.Mpi.Benchmarks
{
    /// <summary>Passes every all-gather on and adds up its time and the bytes this rank sends and receives.</summary>
    internal sealed class TimedCollective : ICollective
    {
        private readonly ICollective _inner;

        public TimedCollective(ICollective inner) => _inner = inner;

        public int Rank => _inner.Rank;

        public int Size => _inner.Size;

        public long Ticks { get; private set; }

        public long BytesSent { get; private set; }

        public long BytesReceived { get; private set; }

        public void AllGather(ReadOnlySpan<double> local, Span<double> gathered)
        {
            long start = Stopwatch.GetTimestamp();
            _inner.AllGather(local, gathered);
            Ticks += Stopwatch.GetTimestamp() - start;
            BytesSent += local.Length * sizeof(double);
            BytesReceived += gathered.Length * sizeof(double);
        }

        public void Reset()
        {
            Ticks = 0;
            BytesSent = 0;
            BytesReceived = 0;
        }
    }
}
