using System;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Xml.Linq;
using Microsoft.CodeAnalysis.CodeFixes;

namespace NormGen.Package.Tests
{
    /// <summary>The package as a user gets it: packed without warnings, with its readme, addresses and symbols; a console
    /// program built from it on net8.0 and net10.0 runs generated layers; an invalid declaration fails the build with its
    /// NG error; the code-fix assembly it ships loads and creates its fixes.</summary>
    public class PackageTests : IClassFixture<PackedPackage>
    {
        private readonly PackedPackage _package;

        public PackageTests(PackedPackage package)
        {
            _package = package;
            Assert.True(package.PackExitCode == 0, "dotnet pack failed:\n" + package.PackOutput);
        }

        [Fact]
        public void Pack_gives_no_warning_and_both_packages()
        {
            Assert.DoesNotContain("warning", _package.PackOutput, StringComparison.OrdinalIgnoreCase);
            Assert.True(File.Exists(Path.Combine(_package.Feed, "NormGen." + _package.Version + ".nupkg")));
            Assert.True(File.Exists(Path.Combine(_package.Feed, "NormGen." + _package.Version + ".snupkg")));
        }

        [Fact]
        public void The_package_has_the_readme_its_addresses_and_the_analyzers()
        {
            using ZipArchive nupkg = ZipFile.OpenRead(Path.Combine(_package.Feed, "NormGen." + _package.Version + ".nupkg"));
            string[] entries = nupkg.Entries.Select(e => e.FullName).ToArray();
            Assert.Contains("README.md", entries);
            Assert.Contains("lib/net8.0/NormGen.dll", entries);
            foreach (string analyzer in new[] { "NormGen.Generator", "NormGen.Analyzers", "NormGen.CodeFixes" })
            {
                Assert.Contains("analyzers/dotnet/cs/" + analyzer + ".dll", entries);
            }

            using (var readme = new StreamReader(nupkg.GetEntry("README.md")!.Open()))
            {
                Assert.Equal(File.ReadAllText(Path.Combine(_package.RepositoryRoot, "README.md")), readme.ReadToEnd());
            }

            XDocument nuspec;
            using (Stream stream = nupkg.GetEntry("NormGen.nuspec")!.Open()) nuspec = XDocument.Load(stream);
            XNamespace ns = nuspec.Root!.Name.Namespace;
            XElement metadata = nuspec.Root.Element(ns + "metadata")!;
            Assert.Equal("README.md", metadata.Element(ns + "readme")!.Value);
            string projectUrl = metadata.Element(ns + "projectUrl")!.Value;
            XElement repository = metadata.Element(ns + "repository")!;
            Assert.Equal(projectUrl, repository.Attribute("url")!.Value);
            Assert.Matches("^[0-9a-f]{40}$", repository.Attribute("commit")!.Value);
            Assert.Equal(ReadRepositoryUrlProperty(), projectUrl);
        }

        [Theory]
        [InlineData("net8.0")]
        [InlineData("net10.0")]
        public void A_program_built_from_the_package_runs_its_generated_layer(string framework)
        {
            Assert.True(_package.BuildExitCode == 0, "the consumer did not build:\n" + _package.BuildOutput);
            Assert.DoesNotContain("CS8034", _package.BuildOutput, StringComparison.Ordinal);
            Assert.DoesNotContain("AD0001", _package.BuildOutput, StringComparison.Ordinal);

            string program = Path.Combine(_package.ConsumerDirectory, "bin", "Release", framework, "Consumer.dll");
            var (exitCode, output) = DotNet.Run("\"" + program + "\"", _package.ConsumerDirectory);
            Assert.True(exitCode == 0, output);
            string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.Equal(ExpectedLines(), lines);
        }

        [Fact]
        public void An_invalid_declaration_fails_the_build_with_NG0001()
        {
            string directory = _package.CopyConsumer("invalid", withInvalidDeclaration: true);
            var (exitCode, output) = DotNet.Run("build -c Release -f net10.0 " + PackedPackage.Isolated, directory, _package.Environment());
            Assert.NotEqual(0, exitCode);
            Assert.Contains("Invalid.cs(5,14): error NG0001", output, StringComparison.Ordinal);
            Assert.Contains("'BrokenNorm' must be declared partial", output, StringComparison.Ordinal);
        }

        [Fact]
        public void The_code_fix_assembly_from_the_package_loads_and_creates_its_fixes()
        {
            Assert.True(_package.BuildExitCode == 0, "the consumer did not build:\n" + _package.BuildOutput);
            string folder = Path.Combine(_package.Packages, "normgen", _package.Version, "analyzers", "dotnet", "cs");
            var context = new AssemblyLoadContext("NormGen package", isCollectible: true);
            context.Resolving += (c, name) =>
            {
                string path = Path.Combine(folder, name.Name + ".dll");
                return File.Exists(path) ? c.LoadFromAssemblyPath(path) : null;
            };
            try
            {
                Assembly fixes = context.LoadFromAssemblyPath(Path.Combine(folder, "NormGen.CodeFixes.dll"));
                CodeFixProvider[] providers = fixes.GetTypes()
                    .Where(t => typeof(CodeFixProvider).IsAssignableFrom(t) && !t.IsAbstract)
                    .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
                    .ToArray();
                string[] fixable = providers.SelectMany(p => p.FixableDiagnosticIds).ToArray();
                Assert.Contains("NG0001", fixable);
                Assert.Contains("NG0004", fixable);
                Assert.All(providers, p => Assert.NotNull(p.GetFixAllProvider()));
            }
            finally
            {
                context.Unload();
            }
        }

        /// <summary>What the consumer prints, from the formulas: BatchNorm in training normalises each channel with its
        /// batch mean and biased variance; the running mean after one step is momentum 0.1 times the batch mean.</summary>
        private static string[] ExpectedLines()
        {
            double[][] channels = { new double[] { 0, 2, 1, 1 }, new double[] { 4, 6, 1, 5 } };
            var normalised = new double[8];
            var means = new double[2];
            for (int c = 0; c < 2; c++)
            {
                double mean = channels[c].Average();
                double variance = channels[c].Select(x => (x - mean) * (x - mean)).Average();
                means[c] = mean;
                for (int i = 0; i < 4; i++)
                {
                    int n = i / 2;
                    int w = i % 2;
                    normalised[n * 4 + c * 2 + w] = (channels[c][i] - mean) / Math.Sqrt(variance + 1e-5);
                }
            }

            static string F4(double v) => v.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
            return new[]
            {
                "train " + string.Join(" ", normalised.Select(F4)),
                "running_mean " + string.Join(" ", means.Select(m => F4(0.1 * m))),
                "eval equal True",
            };
        }

        private string ReadRepositoryUrlProperty()
        {
            XDocument props = XDocument.Load(Path.Combine(_package.RepositoryRoot, "Directory.Build.props"));
            return props.Descendants("NormGenRepositoryUrl").Single().Value;
        }
    }
}
