using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace NormGen.Benchmarks;

/// <summary>
/// Reads BenchmarkDotNet's brief JSON reports (median in nanoseconds, bytes allocated per call) and writes, per shape,
/// the rows with their ratio to the copy floor, then one line per shape against the issue-5 targets. Given the results
/// of several runs, each row takes the lowest of its medians (on a shared machine interference only adds time) and
/// the table shows every run's median beside it.
/// </summary>
internal static class ResultsTable
{
    public const string MachineFileName = "machine.md";

    /// <summary>Per shape, tab-separated: bytes the calling thread allocated in <see cref="AllocationCalls"/> NormGen
    /// forward-train, forward-eval and backward calls, as <c>--verify</c> counts them.</summary>
    public const string AllocationsFileName = "allocations.tsv";

    public const int AllocationCalls = 50;

    private static readonly (string Type, string Title, bool Small)[] Shapes =
    [
        ("BatchNorm2dNchwLarge", "BatchNorm2d 32×64×56×56 NCHW", false),
        ("BatchNorm2dNhwcLarge", "BatchNorm2d 32×64×56×56 NHWC", false),
        ("LayerNormLarge", "LayerNorm(768) 8192×768", false),
        ("GroupNormNchwLarge", "GroupNorm(32) 8×256×32×32 NCHW", false),
        ("GroupNormNhwcLarge", "GroupNorm(32) 8×256×32×32 NHWC", false),
        ("InstanceNorm2dLarge", "InstanceNorm2d 8×64×64×64 NCHW", false),
        ("BatchNorm1dLarge", "BatchNorm1d 256×1024", false),
        ("BatchNorm2dPooled", "BatchNorm2d 256×1024×1×1 NCHW (after a global pooling)", false),
        ("BatchNorm2dTinyMaps", "BatchNorm2d 256×256×2×2 NCHW", false),
        ("BatchNorm2dSmall", "BatchNorm2d 4×16×8×8 NCHW (small)", true),
        ("LayerNormSmall", "LayerNorm(64) 1×64 (small)", true),
        ("RmsNormLarge", "RMSNorm(4096) 8192×4096", false),
        ("RmsNormSmall", "RMSNorm(4096) 1×4096 (small)", true),
    ];

    private static readonly (string Method, string Label)[] Rows =
    [
        ("NormGenForwardTrain", "NormGen forward-train"),
        ("NormGenForwardEval", "NormGen forward-eval"),
        ("NormGenBackward", "NormGen backward"),
        ("ScalarForwardTrain", "plain scalar forward-train"),
        ("ScalarForwardEval", "plain scalar forward-eval"),
        ("ScalarBackward", "plain scalar backward"),
        ("VectorForwardTrain", "Vector<float> two-pass forward-train"),
        ("VectorForwardEval", "Vector<float> forward-eval"),
        ("VectorBackward", "Vector<float> two-pass backward"),
        ("TorchForwardTrain", "libtorch 1 thread forward-train"),
        ("TorchForwardEval", "libtorch 1 thread forward-eval"),
        ("TorchBackward", "libtorch 1 thread backward"),
        ("TorchAllThreadsForwardTrain", "libtorch all threads forward-train"),
        ("TorchAllThreadsForwardEval", "libtorch all threads forward-eval"),
        ("TorchAllThreadsBackward", "libtorch all threads backward"),
        ("NormGenTwoThreadsForwardTrain", "NormGen 2 threads forward-train"),
        ("NormGenTwoThreadsBackward", "NormGen 2 threads backward"),
        ("CopyFloor", "copy (floor)"),
    ];

    private readonly record struct Result(double MedianNs, long AllocatedBytes, string Runs = "");

    public static string Render(IReadOnlyList<string> folders)
    {
        Dictionary<(string Type, string Method), Result> results = Merge(folders.Select(Read).ToList());
        var text = new StringBuilder();
        for (int run = 0; run < folders.Count; run++)
        {
            string machineFile = Path.Combine(folders[run], MachineFileName);
            if (!File.Exists(machineFile))
                continue;
            string[] lines = File.ReadAllLines(machineFile);
            if (folders.Count > 1)
                text.AppendLine(CultureInfo.InvariantCulture, $"Run {run + 1}:");
            // The machine once; the load of every run.
            foreach (string line in lines.Where(line => run == 0 || line.Contains("Load average", StringComparison.Ordinal)))
                text.AppendLine(line);
            text.AppendLine();
        }

        foreach ((string type, string title, _) in Shapes.Where(shape => results.Keys.Any(key => key.Type == shape.Type)))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"### {title}");
            text.AppendLine();
            bool several = folders.Count > 1;
            text.AppendLine(several ? "| Row | Median (lowest) | Median of each run | Allocated | × copy |" : "| Row | Median | Allocated | × copy |");
            text.AppendLine(several ? "|---|---:|---:|---:|---:|" : "|---|---:|---:|---:|");
            results.TryGetValue((type, "CopyFloor"), out Result copy);
            foreach ((string method, string label) in Rows)
            {
                if (!results.TryGetValue((type, method), out Result row))
                    continue;
                string ratio = copy.MedianNs > 0 ? Ratio(row.MedianNs / copy.MedianNs) : "–";
                string runs = several ? $" {row.Runs} |" : "";
                text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {Time(row.MedianNs)} |{runs} {row.AllocatedBytes} B | {ratio} |");
            }

            text.AppendLine();
        }

        text.Append(Targets(results, MergeThreadAllocations(folders)));
        text.Append(ConstructedAgainstFixed(results));
        return text.ToString();
    }

    /// <summary>Each shape whose layer was also measured sized at construction (type name + "Constructed"): the NormGen
    /// rows of both and their ratio (goal ≤ 1.1).</summary>
    private static string ConstructedAgainstFixed(Dictionary<(string Type, string Method), Result> results)
    {
        var text = new StringBuilder();
        string[] methods = ["NormGenForwardTrain", "NormGenForwardEval", "NormGenBackward"];
        foreach ((string type, string title, _) in Shapes)
        {
            string constructed = type + "Constructed";
            if (!methods.Any(method => results.ContainsKey((type, method)) && results.ContainsKey((constructed, method))))
                continue;
            if (text.Length == 0)
            {
                text.AppendLine();
                text.AppendLine("### Channel count at construction against fixed in the attribute");
                text.AppendLine();
                text.AppendLine("| Shape | forward-train fixed / constructed (÷, ≤ 1.1) | forward-eval | backward |");
                text.AppendLine("|---|---|---|---|");
            }

            string Cell(string method) =>
                results.TryGetValue((type, method), out Result fixedRow) && results.TryGetValue((constructed, method), out Result constructedRow)
                    ? $"{Time(fixedRow.MedianNs)} / {Time(constructedRow.MedianNs)} ({Check(constructedRow.MedianNs / fixedRow.MedianNs, 1.1, atMost: true)})"
                    : "–";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {title} | {string.Join(" | ", methods.Select(Cell))} |");
        }

        return text.ToString();
    }

    private static string Targets(Dictionary<(string Type, string Method), Result> results, Dictionary<string, long[]> threadAllocations)
    {
        var text = new StringBuilder();
        text.AppendLine("### Targets (issue 5)");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| Shape | fwd-train ÷ copy (≤ 1.3) | bwd ÷ 1.5·copy | (fwd+bwd) ÷ 2.5·copy (≤ 1.5) | ÷ libtorch 1T fwd-train / fwd-eval / bwd (≤ 1) | libtorch ÷ NormGen, small (≥ 10) | NormGen B/call (0){(threadAllocations.Count > 0 ? $", bytes in {AllocationCalls} calls on the calling thread" : "")} |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach ((string type, string title, bool small) in Shapes)
        {
            Result Get(string method) => results.TryGetValue((type, method), out Result r) ? r : new Result(double.NaN, -1);
            if (!results.Keys.Any(key => key.Type == type))
                continue;
            Result copy = Get("CopyFloor"), forward = Get("NormGenForwardTrain"), eval = Get("NormGenForwardEval"), backward = Get("NormGenBackward");
            Result torchForward = Get("TorchForwardTrain"), torchEval = Get("TorchForwardEval"), torchBackward = Get("TorchBackward");

            string forwardFloor = small ? "n/a (small)" : Check(forward.MedianNs / copy.MedianNs, 1.3, atMost: true);
            string backwardFloor = Ratio(backward.MedianNs / (1.5 * copy.MedianNs));
            string trainingFloor = small ? "n/a (small)" : Check((forward.MedianNs + backward.MedianNs) / (2.5 * copy.MedianNs), 1.5, atMost: true);
            string versusTorch = string.Join(" / ",
                Check(forward.MedianNs / torchForward.MedianNs, 1.0, atMost: true),
                Check(eval.MedianNs / torchEval.MedianNs, 1.0, atMost: true),
                Check(backward.MedianNs / torchBackward.MedianNs, 1.0, atMost: true));
            string smallSpeedUp = small
                ? string.Join(" / ",
                    Check(torchForward.MedianNs / forward.MedianNs, 10, atMost: false),
                    Check(torchEval.MedianNs / eval.MedianNs, 10, atMost: false),
                    Check(torchBackward.MedianNs / backward.MedianNs, 10, atMost: false))
                : "n/a (large)";
            // The per-thread count when --verify made one; BenchmarkDotNet's whole-process count otherwise.
            long[] allocated = threadAllocations.TryGetValue(type, out long[]? counted)
                ? counted
                : [forward.AllocatedBytes, eval.AllocatedBytes, backward.AllocatedBytes];
            string zeroBytes = allocated.Any(bytes => bytes < 0)
                ? "–"
                : $"{string.Join(" / ", allocated)} {(allocated.All(bytes => bytes == 0) ? "met" : "not met")}";
            text.AppendLine(CultureInfo.InvariantCulture, $"| {title} | {forwardFloor} | {backwardFloor} | {trainingFloor} | {versusTorch} | {smallSpeedUp} | {zeroBytes} |");
        }

        return text.ToString();
    }

    /// <summary>Per row: the lowest median of the runs that measured it, the highest allocation, every run's median.</summary>
    private static Dictionary<(string Type, string Method), Result> Merge(List<Dictionary<(string Type, string Method), Result>> runs) =>
        runs.SelectMany(run => run.Keys).Distinct().ToDictionary(
            key => key,
            key =>
            {
                Result[] measured = runs.Where(run => run.ContainsKey(key)).Select(run => run[key]).ToArray();
                return new Result(
                    measured.Min(result => result.MedianNs),
                    measured.Max(result => result.AllocatedBytes),
                    string.Join(" / ", runs.Select(run => run.TryGetValue(key, out Result result) ? Time(result.MedianNs) : "–")));
            });

    private static Dictionary<(string Type, string Method), Result> Read(string folder)
    {
        var results = new Dictionary<(string Type, string Method), Result>();
        foreach (string file in Directory.EnumerateFiles(folder, "*-report-brief.json"))
        {
            using JsonDocument document = JsonDocument.Parse(File.ReadAllText(file));
            foreach (JsonElement benchmark in document.RootElement.GetProperty("Benchmarks").EnumerateArray())
            {
                if (!benchmark.TryGetProperty("Statistics", out JsonElement statistics) || statistics.ValueKind != JsonValueKind.Object)
                    continue;
                long allocated = benchmark.TryGetProperty("Memory", out JsonElement memory) && memory.ValueKind == JsonValueKind.Object
                    ? memory.GetProperty("BytesAllocatedPerOperation").GetInt64()
                    : -1;
                string type = benchmark.GetProperty("Type").GetString()!;
                string method = benchmark.GetProperty("Method").GetString()!;
                results[(type, method)] = new Result(statistics.GetProperty("Median").GetDouble(), allocated);
            }
        }

        return results;
    }

    /// <summary>Every shape's <c>--verify</c> count, from the first run that has one (a shape added to the suite later
    /// is counted only in the runs made since).</summary>
    private static Dictionary<string, long[]> MergeThreadAllocations(IEnumerable<string> folders)
    {
        var merged = new Dictionary<string, long[]>();
        foreach (var counts in folders.Select(ReadThreadAllocations))
        {
            foreach (var (shape, bytes) in counts)
                merged.TryAdd(shape, bytes);
        }

        return merged;
    }

    private static Dictionary<string, long[]> ReadThreadAllocations(string folder)
    {
        string file = Path.Combine(folder, AllocationsFileName);
        if (!File.Exists(file))
            return [];
        return File.ReadLines(file)
            .Select(line => line.Split('\t'))
            .Where(fields => fields.Length == 4)
            .ToDictionary(fields => fields[0], fields => fields.Skip(1).Select(field => long.Parse(field, CultureInfo.InvariantCulture)).ToArray());
    }

    private static string Check(double value, double target, bool atMost)
    {
        if (double.IsNaN(value))
            return "–";
        bool met = atMost ? value <= target : value >= target;
        return $"{Ratio(value)} {(met ? "met" : "not met")}";
    }

    private static string Ratio(double value) =>
        double.IsNaN(value) ? "–" : value.ToString(value < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) + "×";

    private static string Time(double nanoseconds) => nanoseconds switch
    {
        < 1e3 => nanoseconds.ToString("F1", CultureInfo.InvariantCulture) + " ns",
        < 1e6 => (nanoseconds / 1e3).ToString("F2", CultureInfo.InvariantCulture) + " µs",
        _ => (nanoseconds / 1e6).ToString("F2", CultureInfo.InvariantCulture) + " ms",
    };
}
