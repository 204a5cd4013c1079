using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security;
using NormGen.Distributed;

namespace NormGen.Mpi.Tests
{
    /// <summary>Runs named checks on every rank and gathers the verdicts: a check passes when it passed on every rank.</summary>
    internal sealed class CheckList
    {
        private readonly ICollective _world;
        private readonly List<(string Name, bool Passed)> _local = new();

        public CheckList(ICollective world) => _world = world;

        public void Run(string name, Action check)
        {
            try
            {
                check();
                _local.Add((name, true));
            }
            catch (Exception e)
            {
                Console.Error.WriteLine($"rank {_world.Rank}: {name}: {e.GetType().Name}: {e.Message}");
                _local.Add((name, false));
            }
        }

        /// <summary>Gathers the verdicts, prints them (rank 0), writes the results file and returns the exit code.</summary>
        public int Finish(string? trx)
        {
            var local = _local.Select(c => c.Passed ? 1d : 0d).ToArray();
            var all = new double[local.Length * _world.Size];
            _world.AllGather(local, all);
            int passed = 0, failed = 0;
            var lines = new List<string>();
            for (int i = 0; i < _local.Count; i++)
            {
                var failing = Enumerable.Range(0, _world.Size).Where(r => all[r * local.Length + i] == 0).ToList();
                if (failing.Count == 0)
                {
                    passed++;
                    lines.Add($"  Passed {_local[i].Name}");
                }
                else
                {
                    failed++;
                    lines.Add($"  Failed {_local[i].Name} (on rank {string.Join(", ", failing)}; see its standard error)");
                }
            }

            if (_world.Rank == 0)
            {
                foreach (var line in lines)
                {
                    Console.WriteLine(line);
                }

                Console.WriteLine($"MPI checks on {_world.Size} ranks: {passed} passed, {failed} failed");
                if (trx is not null)
                {
                    WriteTrx(trx, $"mpi-np{_world.Size}", passed, failed);
                }
            }

            return failed == 0 ? 0 : 1;
        }

        /// <summary>A minimal test results file: the counters the CI script adds up.</summary>
        public static void WriteTrx(string path, string name, int passed, int failed)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            string outcome = failed == 0 ? "Completed" : "Failed";
            File.WriteAllText(path, string.Format(
                CultureInfo.InvariantCulture,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TestRun id=\"{0}\" name=\"{1}\" xmlns=\"http://microsoft.com/schemas/VisualStudio/TeamTest/2010\">\n  <ResultSummary outcome=\"{2}\">\n    <Counters total=\"{3}\" executed=\"{3}\" passed=\"{4}\" failed=\"{5}\" />\n  </ResultSummary>\n</TestRun>\n",
                Guid.NewGuid(), SecurityElement.Escape(name), outcome, passed + failed, passed, failed));
        }
    }
}
