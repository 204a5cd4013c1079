using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using TorchSharp;

namespace NormGen.Conformance.Tests.Native;

/// <summary>
/// Prepares libtorch for every test, once, as the test assembly loads: the native libraries so they load on a
/// stock Debian 12 machine, then libtorch's threading so results are reproducible.
/// </summary>
/// <remarks>
/// <c>libLibTorchSharp.so</c> (TorchSharp's native glue) was linked against a libstdc++ from GCC 13 and so asks for
/// symbol version <c>GLIBCXX_3.4.32</c>. It asks for it only because of <c>_ZSt21ios_base_library_initv</c>, a symbol
/// that GCC 13's &lt;iostream&gt; references to pull in stream initialisation and that is never called through a
/// relocation. Debian 12 ships libstdc++ with versions up to <c>GLIBCXX_3.4.30</c>, so the dynamic loader refuses the
/// library and TorchSharp reports a misleading "doesn't contain a reference to libtorch-cpu-linux-x64". When the
/// system library lacks that version, the requirement in the test's own copy of <c>libLibTorchSharp.so</c> is marked
/// weak (VER_FLG_WEAK), which the loader accepts silently; the package in the NuGet cache is never touched.
/// </remarks>
internal static class LibTorchRuntime
{
    private const string GlueLibrary = "libLibTorchSharp.so";
    private const string StdCppLibrary = "libstdc++.so.6";
    private const string NewestNeededVersion = "GLIBCXX_3.4.32";

    /// <summary>
    /// Runs when the test assembly loads, before any test (or any argument a test builds) can touch
    /// <see cref="torch"/>: the first call into TorchSharp loads the native libraries, and after that a patch
    /// comes too late for the process.
    /// </summary>
    [ModuleInitializer]
    [SuppressMessage("Usage", "CA2255:The 'ModuleInitializer' attribute should not be used in libraries",
        Justification = "A test assembly is the application here; its native dependencies must be ready before any test runs.")]
    internal static void Initialize()
    {
        // The version check concerns the GNU dynamic loader only (the project is restored for linux-x64).
        SystemLacksNeededVersion = OperatingSystem.IsLinux() && !SystemStdCppDefines(NewestNeededVersion);
        if (OperatingSystem.IsLinux() && SystemLacksNeededVersion)
            GlueRequirementIsWeak = RelaxGlueRequirement(Path.Combine(AppContext.BaseDirectory, GlueLibrary));

        // Single-threaded kernels: the same reductions in the same order on every run.
        torch.set_num_threads(1);
        torch.set_num_interop_threads(1);
    }

    /// <summary>Whether the glue library in the output folder carries the weak version requirement (for the smoke test).</summary>
    public static bool GlueRequirementIsWeak { get; private set; }

    /// <summary>Whether the system libstdc++ was found lacking <c>GLIBCXX_3.4.32</c>.</summary>
    public static bool SystemLacksNeededVersion { get; private set; }

    /// <summary>Reads the version definitions of the libstdc++ this process uses.</summary>
    [SupportedOSPlatform("linux")]
    private static bool SystemStdCppDefines(string version)
    {
        // The .NET runtime itself links libstdc++, so it is mapped already; loading it again only returns the handle.
        NativeLibrary.Load(StdCppLibrary);
        string? path = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6)
            .Select(fields => fields[5])
            .FirstOrDefault(file => Path.GetFileName(file).StartsWith("libstdc++.so", StringComparison.Ordinal));
        // Not finding it is treated as lacking the version: the weak flag only relaxes a check, it never breaks a load.
        return path is not null && ElfSymbolVersions.DefinedVersions(File.ReadAllBytes(path)).Contains(version);
    }

    /// <summary>Marks the requirement weak in place (idempotent), replacing the file atomically by a rename.</summary>
    [SupportedOSPlatform("linux")]
    private static bool RelaxGlueRequirement(string gluePath)
    {
        byte[] image = File.ReadAllBytes(gluePath);
        if (!ElfSymbolVersions.TryMarkNeededVersionWeak(image, StdCppLibrary, NewestNeededVersion, out bool changed))
            return false;
        if (changed)
        {
            string temporary = gluePath + ".patching";
            File.WriteAllBytes(temporary, image);
            File.SetUnixFileMode(temporary, File.GetUnixFileMode(gluePath));
            File.Move(temporary, gluePath, overwrite: true);
        }

        return true;
    }
}
