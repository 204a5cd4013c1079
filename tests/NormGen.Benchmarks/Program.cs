using System;
using System.IO;
using System.Linq;
using System.Text;
using BenchmarkDotNet.Running;

namespace NormGen.Benchmarks;

/// <summary>
/// Runs the benchmarks (BenchmarkDotNet's command line: <c>--filter '*'</c>, <c>--filter '*LayerNorm*'</c>, ...), or,
/// with <c>--table [results folders...]</c>, turns the results of earlier runs into the tables of docs/benchmarks.md
/// (several folders: each row's lowest median across the runs).
/// <c>--smoke</c> runs every selected row once, only to see that it works; <c>--verify</c> checks that the rows of
/// every shape compute the same values (outputs of both forwards, input gradients) and counts the bytes each NormGen
/// call allocates on its thread (saved beside the results for <c>--table</c>). <c>--interleaved [rounds] [shape]</c> compares the
/// layers sized at construction with their fixed twins, taking turns in this process (<see cref="Interleaved"/>);
/// <c>--half-ab [rounds]</c> times each large shape's float and Half layers alternately (HalfPrecision/InterleavedRun).
/// <c>--generator-loop [runs]</c> repeats the generator benchmark's full run in this process and prints its thread CPU
/// time and allocation (Generator/GeneratorLoop), for profiling.
/// </summary>
public static class Program
{
    private const string ResultsFolder = "BenchmarkDotNet.Artifacts/results";

    public static int Main(string[] args)
    {
        // BenchmarkDotNet's --artifacts moves the results; the machine block and --verify's counts go beside them.
        int artifacts = Array.IndexOf(args, "--artifacts");
        string resultsFolder = artifacts >= 0 && artifacts + 1 < args.Length ? Path.Combine(args[artifacts + 1], "results") : ResultsFolder;
        if (args.Length > 0 && args[0] == "--table")
        {
            string[] folders = args.Length > 1 ? args[1..] : [ResultsFolder];
            Console.Write(ResultsTable.Render(folders));
            return 0;
        }

        if (args.Length > 0 && args[0] == "--interleaved")
        {
            Interleaved.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 30, args.Length > 2 ? args[2] : null);
            return 0;
        }

        if (args.Length > 0 && args[0] == "--half-ab")
        {
            HalfPrecision.InterleavedRun.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 21);
            return 0;
        }

        if (args.Length > 0 && args[0] == "--generator-loop")
        {
            Generator.GeneratorLoop.Run(args);
            return 0;
        }

        if (args.Length > 0 && args[0] == "--verify")
        {
            var allocations = new StringBuilder();
            foreach (Type shape in typeof(Program).Assembly.GetTypes()
                         .Where(type => type.IsSubclassOf(typeof(NormalizationBenchmark)) && !type.IsAbstract)
                         .OrderBy(type => type.Name, StringComparer.Ordinal))
            {
                var benchmark = (NormalizationBenchmark)Activator.CreateInstance(shape)!;
                Console.WriteLine($"{shape.Name}: largest difference from NormGen: {benchmark.CompareRows()}");
                (long forwardTrain, long forwardEval, long backward) = benchmark.AllocatedBytes(ResultsTable.AllocationCalls);
                Console.WriteLine($"{shape.Name}: NormGen bytes allocated on this thread in {ResultsTable.AllocationCalls} calls: forward-train {forwardTrain}, forward-eval {forwardEval}, backward {backward}");
                allocations.AppendLine($"{shape.Name}\t{forwardTrain}\t{forwardEval}\t{backward}");
            }

            Directory.CreateDirectory(resultsFolder);
            File.WriteAllText(Path.Combine(resultsFolder, ResultsTable.AllocationsFileName), allocations.ToString());
            return 0;
        }

        bool smoke = args.Contains("--smoke");
        string machine = MachineReport.Describe();
        Console.Write(machine);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly)
            .Run(args.Where(arg => arg != "--smoke").ToArray(), BenchmarkSettings.Create(smoke));

        if (Directory.Exists(resultsFolder))
        {
            string machineFile = Path.Combine(resultsFolder, ResultsTable.MachineFileName);
            File.WriteAllText(machineFile, machine + $"- Load average (1, 5, 15 min) at end: {MachineReport.LoadAverage()}\n");
        }

        Console.WriteLine($"Load average at end: {MachineReport.LoadAverage()}");
        return 0;
    }
}
