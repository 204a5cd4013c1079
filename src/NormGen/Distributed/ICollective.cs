using System;

namespace NormGen.Distributed
{
    /// <summary>
    /// A group of processes (or threads standing for them) that exchange arrays of doubles: what synchronised
    /// BatchNorm needs from a distributed engine. Every member of the group must make the same calls in the same order,
    /// as with MPI's collectives.
    /// </summary>
    /// <remarks>Implementations: <see cref="InProcessCollective"/> (threads in one process) and <c>NormGen.Mpi.MpiCollective</c>
    /// (processes started by <c>mpirun</c>). A failure of the exchange (a member that is gone, a transport error) is an
    /// exception on the members that notice it, never a silent wait forever where the engine can report it.</remarks>
    public interface ICollective
    {
        /// <summary>This member's index in the group, 0 to <see cref="Size"/> - 1.</summary>
        int Rank { get; }

        /// <summary>The number of members.</summary>
        int Size { get; }

        /// <summary>Every member sends <paramref name="local"/> (the same length on every member) and receives every member's
        /// values in rank order: member r's values at <c>[r * local.Length, (r + 1) * local.Length)</c> of
        /// <paramref name="gathered"/>, which holds exactly <see cref="Size"/> × <c>local.Length</c> values.</summary>
        void AllGather(ReadOnlySpan<double> local, Span<double> gathered);
    }
}
