using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace NormGen.Package.Tests
{
    /// <summary>
    /// Packs src/NormGen once for the tests, into a folder of its own under a version no cache can hold, and restores and
    /// builds the consumer program from that folder with NuGet caches of its own (the user's cache is only a read-only
    /// fallback for the framework packages), so the run neither depends on nor leaves behind a cached NormGen.
    /// </summary>
    public sealed class PackedPackage : IDisposable
    {
        /// <summary>No MSBuild node or compiler server is left running after a build.</summary>
        public const string Isolated = "-nodeReuse:false -p:UseSharedCompilation=false";

        public PackedPackage()
        {
            RepositoryRoot = FindRepositoryRoot();
            Root = Path.Combine(Path.GetTempPath(), "normgen-package-test-" + Guid.NewGuid().ToString("N"));
            Feed = Path.Combine(Root, "feed");
            Packages = Path.Combine(Root, "packages");
            Version = "0.0.0-packagetest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
            Directory.CreateDirectory(Feed);

            (PackExitCode, PackOutput) = DotNet.Run(
                $"pack \"{Path.Combine(RepositoryRoot, "src", "NormGen")}\" -c Release -o \"{Feed}\" -p:Version={Version} {Isolated}", RepositoryRoot);
            if (PackExitCode != 0) return;

            ConsumerDirectory = CopyConsumer("consumer", withInvalidDeclaration: false);
            (BuildExitCode, BuildOutput) = DotNet.Run("build -c Release " + Isolated, ConsumerDirectory, Environment());
        }

        public string RepositoryRoot { get; }

        public string Root { get; }

        public string Feed { get; }

        /// <summary>The consumer's own global packages folder, where NormGen is extracted.</summary>
        public string Packages { get; }

        public string Version { get; }

        public int PackExitCode { get; }

        public string PackOutput { get; }

        public string ConsumerDirectory { get; } = "";

        public int BuildExitCode { get; } = -1;

        public string BuildOutput { get; } = "";

        /// <summary>The consumer's NuGet environment: its own packages and HTTP cache folders.</summary>
        public IReadOnlyDictionary<string, string> Environment() => new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = Packages,
            ["NUGET_HTTP_CACHE_PATH"] = Path.Combine(Root, "http-cache"),
        };

        /// <summary>A copy of the consumer program in a folder of its own under <see cref="Root"/>, with a NuGet.config
        /// that takes NormGen from <see cref="Feed"/> only.</summary>
        public string CopyConsumer(string name, bool withInvalidDeclaration)
        {
            string source = Path.Combine(AppContext.BaseDirectory, "Consumer");
            string target = Path.Combine(Root, name);
            Directory.CreateDirectory(target);
            File.Copy(Path.Combine(source, "Program.cs"), Path.Combine(target, "Program.cs"));
            File.WriteAllText(Path.Combine(target, "Consumer.csproj"),
                File.ReadAllText(Path.Combine(source, "Consumer.csproj.template")).Replace("$(NormGenVersion)", Version));
            if (withInvalidDeclaration) File.Copy(Path.Combine(source, "Invalid.cs.template"), Path.Combine(target, "Invalid.cs"));
            string userPackages = Path.Combine(System.Environment.GetFolderPath(System.Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            File.WriteAllText(Path.Combine(target, "NuGet.config"), $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <packageSources>
                    <clear />
                    <add key="normgen" value="{Feed}" />
                    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
                  </packageSources>
                  <packageSourceMapping>
                    <packageSource key="normgen"><package pattern="NormGen" /></packageSource>
                    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
                  </packageSourceMapping>
                  <fallbackPackageFolders>
                    <add key="user" value="{userPackages}" />
                  </fallbackPackageFolders>
                </configuration>
                """);
            return target;
        }

        public void Dispose()
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a build server: the folder is under the temporary directory.
            }
        }

        private static string FindRepositoryRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "NormGen.sln"))) return directory.FullName;
            }

            throw new InvalidOperationException("NormGen.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
