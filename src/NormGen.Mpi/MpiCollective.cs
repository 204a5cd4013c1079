using System;
using System.Threading;
using NormGen.Distributed;

namespace NormGen.Mpi
{
    /// <summary>
    /// <see cref="ICollective"/> over MPI's <c>MPI_COMM_WORLD</c> (Open MPI, <c>libmpi.so.40</c>): the processes
    /// <c>mpirun -np P</c> started, ranks 0 to P - 1. Create one per process with <see cref="Initialize"/> and dispose it
    /// before the process ends (MPI_Finalize).
    /// </summary>
    /// <remarks>
    /// Errors come back as codes (the communicator's error handler is <c>MPI_ERRORS_RETURN</c> instead of MPI's default,
    /// which aborts the job) and are thrown as <see cref="MpiException"/> with MPI's description: a rank that died makes
    /// the others' exchanges fail instead of waiting. Calls must come from the thread that called
    /// <see cref="Initialize"/>.
    /// </remarks>
    public sealed class MpiCollective : ICollective, IDisposable
    {
        private static int s_initialized;

        private readonly MpiLibrary _mpi;
        private readonly nint _communicator;
        private bool _disposed;

        private MpiCollective(MpiLibrary mpi)
        {
            _mpi = mpi;
            _communicator = mpi.CommWorld;
            _mpi.ReturnErrors(_communicator);
            Rank = _mpi.Rank(_communicator);
            Size = _mpi.Size(_communicator);
        }

        /// <inheritdoc/>
        public int Rank { get; }

        /// <inheritdoc/>
        public int Size { get; }

        /// <summary>The library MPI was loaded from.</summary>
        public string LibraryName => _mpi.Name;

        /// <summary>Initialises MPI (once per process; MPI cannot be initialised again after it was finalised) and returns
        /// the world communicator. Run without <c>mpirun</c>, the process is a group of one.</summary>
        public static MpiCollective Initialize()
        {
            if (Interlocked.Exchange(ref s_initialized, 1) != 0)
            {
                throw new InvalidOperationException("MPI is initialised once per process: create one MpiCollective and share it.");
            }

            var mpi = MpiLibrary.Open();
            if (!mpi.IsInitialized())
            {
                mpi.Init();
            }

            return new MpiCollective(mpi);
        }

        /// <inheritdoc/>
        public void AllGather(ReadOnlySpan<double> local, Span<double> gathered)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (gathered.Length != (long)local.Length * Size)
            {
                throw new ArgumentException($"'gathered' has {gathered.Length} elements, but {Size} ranks × {local.Length} values need exactly {(long)local.Length * Size}.", nameof(gathered));
            }

            _mpi.AllGather(local, gathered, _communicator, Rank);
        }

        /// <summary>Ends the whole job at once (MPI_Abort) with <paramref name="errorCode"/>: for a rank that cannot go on,
        /// so that the others do not wait for it.</summary>
        public void Abort(int errorCode) => _mpi.Abort(_communicator, errorCode);

        /// <summary>Finalises MPI.</summary>
        public void Dispose()
        {
            if (!_disposed)
            {
                _disposed = true;
                if (!_mpi.IsFinalized())
                {
                    _mpi.FinalizeMpi();
                }
            }
        }
    }
}
