using System;
using System.Linq;
using NormGen.Mpi;
using NormGen.Mpi.Tests;

// Every rank of `mpirun -np P` runs the same checks; each check ends with every rank's verdict gathered, so all ranks
// agree on the outcome. Rank 0 prints one line per check and, with --trx <file>, writes the counts as a test results
// file. The exit code is 1 when any check failed on any rank.
//   --die <rank>   instead: that rank exits abruptly before the first exchange; the others must fail, not wait forever.
string? trx = null;
int dieRank = -1;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--trx" when i + 1 < args.Length:
            trx = args[++i];
            break;
        case "--die" when i + 1 < args.Length:
            dieRank = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
            break;
        default:
            Console.Error.WriteLine("usage: NormGen.Mpi.Tests [--trx <file>] [--die <rank>]");
            return 2;
    }
}

using var world = MpiCollective.Initialize();
if (dieRank >= 0)
{
    return DeadRank.Run(world, dieRank);
}

var checks = new CheckList(world);
checks.Run("NCHW float: 2 steps, synchronised equals one layer on the whole batch", () => Equivalence.Check(world, () => new NchwFloat(), "NCHW", new[] { 6, 6, 6 }));
checks.Run("NHWC double: 2 steps, synchronised equals one layer on the whole batch", () => Equivalence.Check(world, () => new NhwcDouble(), "NHWC", new[] { 4, 5, 6 }));
checks.Run("batch-group NCHW float: 2 steps, synchronised equals one layer on the whole batch", () => Equivalence.Check(world, () => new BatchGroupFloat(), "NCHW", new[] { 6, 5, 5 }));
checks.Run("one value per statistic over all ranks throws on every rank and writes nothing", () => BadInput.SingleValue(world));
checks.Run("different channel counts across ranks throw on every rank", () => BadInput.ChannelMismatch(world));
return checks.Finish(trx);
