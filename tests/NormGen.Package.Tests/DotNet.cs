using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text;

namespace NormGen.Package.Tests
{
    /// <summary>Runs the dotnet CLI as a user would, with the given NuGet environment and without the variables the test
    /// host's own build left behind.</summary>
    internal static class DotNet
    {
        /// <summary>Long enough for a cold restore and build on a busy machine; only there so a hung process cannot hang the run.</summary>
        private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(10);

        public static (int ExitCode, string Output) Run(string arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
        {
            var start = new ProcessStartInfo("dotnet", arguments)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (string name in new List<string>(start.Environment.Keys))
            {
                if (name.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || name.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)
                    || name.StartsWith("NUGET", StringComparison.OrdinalIgnoreCase))
                {
                    start.Environment.Remove(name);
                }
            }

            start.Environment["DOTNET_NOLOGO"] = "1";
            start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            start.Environment["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
            if (environment is not null)
            {
                foreach (var item in environment) start.Environment[item.Key] = item.Value;
            }

            var output = new StringBuilder();
            using var process = new Process { StartInfo = start };
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (!process.WaitForExit(HangGuard))
            {
                process.Kill(entireProcessTree: true);
                throw new InvalidOperationException("dotnet " + arguments + " did not finish:\n" + output);
            }

            process.WaitForExit();
            lock (output) return (process.ExitCode, output.ToString());
        }
    }
}
