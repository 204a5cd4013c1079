using System;
using NormGen.Mpi;

namespace NormGen.Mpi.Tests
{
    /// <summary>One rank leaves without a word before the first exchange; the others start a synchronised Forward. They
    /// must end with MPI's error (or be ended by mpirun), never wait forever: the caller runs this under a time limit.</summary>
    internal static class DeadRank
    {
        public static int Run(MpiCollective world, int dying)
        {
            if (world.Rank == dying)
            {
                Console.Error.WriteLine($"rank {world.Rank}: leaving without finalising MPI");
                Environment.Exit(3);
            }

            var layer = new NchwFloat();
            var x = new float[2 * 6 * 4];
            var y = new float[x.Length];
            try
            {
                layer.ForwardSynchronized(x, y, world, 2, 2, 2);
            }
            catch (MpiException e)
            {
                Console.Error.WriteLine($"rank {world.Rank}: {e.Message}");
                return 4;
            }

            Console.Error.WriteLine($"rank {world.Rank}: the exchange completed although rank {dying} was gone");
            return 0;
        }
    }
}
