using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace NormGen.Benchmarks;

/// <summary>What the numbers were measured on: processor, memory, runtime, vector width and instruction sets, load.</summary>
internal static class MachineReport
{
    public static string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"- CPU: {CpuModel()}, {Environment.ProcessorCount} logical cores");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Memory: {MemoryTotal()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- OS: {RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Runtime: {RuntimeInformation.FrameworkDescription}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Vector<float>.Count: {Vector<float>.Count} ({Vector<float>.Count * 32}-bit vectors)");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Instruction sets: {InstructionSets()}");
        text.AppendLine(CultureInfo.InvariantCulture, $"- Load average (1, 5, 15 min) at start: {LoadAverage()}");
        return text.ToString();
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string CpuModel() =>
        ProcInfo("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString();

    private static string MemoryTotal()
    {
        string? total = ProcInfo("/proc/meminfo", "MemTotal");
        if (total is null || !long.TryParse(total.Split(' ')[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out long kibibytes))
            return "unknown";
        return string.Create(CultureInfo.InvariantCulture, $"{kibibytes / (1024.0 * 1024.0):F1} GiB");
    }

    private static string? ProcInfo(string file, string key) =>
        File.Exists(file)
            ? File.ReadLines(file)
                .Where(line => line.StartsWith(key, StringComparison.Ordinal))
                .Select(line => line[(line.IndexOf(':') + 1)..].Trim())
                .FirstOrDefault()
            : null;

    private static string InstructionSets()
    {
        var supported = new (string Name, bool IsSupported)[]
        {
            ("AVX-512F", Avx512F.IsSupported),
            ("AVX2", Avx2.IsSupported),
            ("FMA", Fma.IsSupported),
            ("AVX", Avx.IsSupported),
            ("SSE4.2", Sse42.IsSupported),
        };
        string sets = string.Join(" ", supported.Where(set => set.IsSupported).Select(set => set.Name));
        return $"{(sets.Length == 0 ? "none of AVX-512F/AVX2/FMA/AVX/SSE4.2" : sets)}; " +
               $"Vector256 accelerated: {Vector256.IsHardwareAccelerated}, Vector512 accelerated: {Vector512.IsHardwareAccelerated}";
    }
}
