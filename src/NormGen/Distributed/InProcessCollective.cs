using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;

namespace NormGen.Distributed
{
    /// <summary>
    /// A group of threads standing for the processes of a distributed job: each member is one rank, and
    /// <see cref="AllGather"/> hands every member's values to every member. For tests and for trying synchronised
    /// layers on one machine; <see cref="Run"/> starts one thread per rank.
    /// </summary>
    /// <remarks>
    /// Every member must call <see cref="AllGather"/> the same number of times with the same length, as with MPI. When
    /// members pass different lengths, every member throws the same <see cref="InvalidOperationException"/>. When one
    /// member fails (<see cref="Abort"/>, which <see cref="Run"/> calls for a rank that throws), the exchanges the others
    /// are waiting in, and every later one, throw instead of waiting forever.
    /// </remarks>
    public sealed class InProcessCollective : ICollective
    {
        private readonly Group _group;

        private InProcessCollective(Group group, int rank)
        {
            _group = group;
            Rank = rank;
        }

        /// <inheritdoc/>
        public int Rank { get; }

        /// <inheritdoc/>
        public int Size => _group.Size;

        /// <summary>The members of a new group of <paramref name="size"/> ranks, in rank order; give each to its own thread.</summary>
        public static InProcessCollective[] Create(int size)
        {
            if (size <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(size), size, "A group needs at least one member.");
            }

            var group = new Group(size);
            var members = new InProcessCollective[size];
            for (int r = 0; r < size; r++)
            {
                members[r] = new InProcessCollective(group, r);
            }

            return members;
        }

        /// <summary>Runs <paramref name="rank"/> once per member of a new group of <paramref name="size"/>, each on its own
        /// thread, and waits for all. A rank that throws aborts the group, so that the others fail instead of waiting for it;
        /// then every rank's exception, in rank order, is thrown as one <see cref="AggregateException"/>.</summary>
        public static void Run(int size, Action<ICollective> rank)
        {
            if (rank is null)
            {
                throw new ArgumentNullException(nameof(rank));
            }

            var members = Create(size);
            var failures = new Exception?[size];
            var threads = new Thread[size];
            for (int r = 0; r < size; r++)
            {
                var member = members[r];
                threads[r] = new Thread(() =>
                {
                    try
                    {
                        rank(member);
                    }
                    catch (Exception e)
                    {
                        failures[member.Rank] = e;
                        member.Abort(e);
                    }
                })
                {
                    IsBackground = true,
                    Name = "rank " + r.ToString(CultureInfo.InvariantCulture),
                };
                threads[r].Start();
            }

            foreach (var thread in threads)
            {
                thread.Join();
            }

            var thrown = new List<Exception>();
            foreach (var failure in failures)
            {
                if (failure is not null)
                {
                    thrown.Add(failure);
                }
            }

            if (thrown.Count > 0)
            {
                throw new AggregateException("One or more ranks failed.", thrown);
            }
        }

        /// <summary>Marks this member as failed: exchanges the other members are waiting in, and all later ones, throw.</summary>
        public void Abort(Exception reason) => _group.Abort(Rank, reason);

        /// <inheritdoc/>
        public void AllGather(ReadOnlySpan<double> local, Span<double> gathered)
        {
            if (gathered.Length != (long)local.Length * Size)
            {
                var error = new ArgumentException(
                    string.Format(CultureInfo.InvariantCulture, "'gathered' has {0} elements, but {1} ranks × {2} values need exactly {3}.", gathered.Length, Size, local.Length, (long)local.Length * Size),
                    nameof(gathered));
                Abort(error);
                throw error;
            }

            _group.Exchange(Rank, local, gathered);
        }

        private sealed class Group
        {
            // A barrier of our own on one monitor: waiting allocates nothing, however long a member waits (a
            // Barrier with a cancellation token allocates when a wait outlasts its spinning, as under load).
            private readonly object _gate = new object();
            private readonly double[][] _slots;
            private readonly int[] _lengths;
            private int _arrived;
            private long _generation;
            private bool _aborted;
            private string? _abortReason;

            public Group(int size)
            {
                Size = size;
                _slots = new double[size][];
                _lengths = new int[size];
                for (int r = 0; r < size; r++)
                {
                    _slots[r] = Array.Empty<double>();
                }
            }

            public int Size { get; }

            public void Abort(int rank, Exception reason)
            {
                lock (_gate)
                {
                    _abortReason ??= string.Format(CultureInfo.InvariantCulture, "rank {0} failed: {1}", rank, reason.Message);
                    _aborted = true;
                    Monitor.PulseAll(_gate);
                }
            }

            public void Exchange(int rank, ReadOnlySpan<double> local, Span<double> gathered)
            {
                if (_slots[rank].Length < local.Length)
                {
                    _slots[rank] = new double[local.Length];
                }

                local.CopyTo(_slots[rank]);
                _lengths[rank] = local.Length;
                Wait(rank);

                // Every member reads the same lengths, so every member reaches the same verdict.
                string? mismatch = null;
                for (int r = 0; r < Size; r++)
                {
                    if (_lengths[r] != _lengths[0])
                    {
                        mismatch = string.Format(CultureInfo.InvariantCulture, "All-gather with different lengths: rank 0 sent {0} values, rank {1} sent {2}. Every rank must make the same collective calls with the same lengths.", _lengths[0], r, _lengths[r]);
                        break;
                    }
                }

                if (mismatch is null)
                {
                    for (int r = 0; r < Size; r++)
                    {
                        _slots[r].AsSpan(0, local.Length).CopyTo(gathered.Slice(r * local.Length, local.Length));
                    }
                }

                // Nobody writes a slot again before every member has read them all.
                Wait(rank);
                if (mismatch is not null)
                {
                    throw new InvalidOperationException(mismatch);
                }
            }

            /// <summary>Returns when every member has arrived; throws on every member still waiting, and on any that
            /// arrives later, once a member has failed.</summary>
            private void Wait(int rank)
            {
                lock (_gate)
                {
                    long generation = _generation;
                    if (!_aborted && ++_arrived == Size)
                    {
                        _arrived = 0;
                        _generation++;
                        Monitor.PulseAll(_gate);
                        return;
                    }

                    while (generation == _generation && !_aborted)
                    {
                        Monitor.Wait(_gate);
                    }

                    if (generation == _generation)
                    {
                        throw new InvalidOperationException(string.Format(CultureInfo.InvariantCulture, "Rank {0}: the in-process group was aborted ({1}); its exchanges cannot complete.", rank, _abortReason));
                    }
                }
            }
        }
    }
}
