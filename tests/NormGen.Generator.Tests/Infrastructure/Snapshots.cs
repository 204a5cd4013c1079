using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;

namespace NormGen.Generator.Tests.Infrastructure
{
    /// <summary>
    /// Snapshot checks of generated sources with Verify's file conventions:
    /// <c>Snapshots/{TestClass}/{Method}#{HintName}.verified.cs</c> is the approved text; on a mismatch (or when it is
    /// missing) the new text goes to the matching <c>.received.cs</c> (git-ignored) and the test fails with a unified
    /// diff. With <c>NORMGEN_ACCEPT_SNAPSHOTS=1</c> the new text is written to the verified file instead.
    /// Files are compared and written with LF line endings.
    /// </summary>
    internal static class Snapshots
    {
        public const string AcceptVariable = "NORMGEN_ACCEPT_SNAPSHOTS";
        public const string VerifiedSuffix = ".verified.cs";
        public const string ReceivedSuffix = ".received.cs";

        /// <summary>The Snapshots folder of this project's source tree (found from this file's path at compile time,
        /// so it is the checkout the tests were built from, not the output folder).</summary>
        public static string Root { get; } = FindRoot();

        public static bool Accepting =>
            Environment.GetEnvironmentVariable(AcceptVariable) is "1" or "true" or "True";

        public static string FileName(string method, string hintName, string suffix) => method + "#" + hintName + suffix;

        /// <summary>Checks every generated source of <paramref name="run"/> against its verified file and fails with
        /// every mismatch at once.</summary>
        public static void Verify(string testClass, string method, IEnumerable<GeneratedSource> sources) =>
            Verify(Root, Accepting, testClass, method, sources);

        /// <summary>As <see cref="Verify(string, string, IEnumerable{GeneratedSource})"/>, in another folder (for
        /// testing the helper itself).</summary>
        public static void Verify(string root, bool accept, string testClass, string method, IEnumerable<GeneratedSource> sources)
        {
            var failures = new List<string>();
            var list = sources.ToList();
            if (list.Count == 0)
            {
                throw new Xunit.Sdk.XunitException($"{testClass}.{method}: the generator produced no source to compare.");
            }

            foreach (var source in list)
            {
                string? failure = VerifyOne(root, accept, testClass, method, source);
                if (failure is not null)
                {
                    failures.Add(failure);
                }
            }

            if (failures.Count > 0)
            {
                throw new Xunit.Sdk.XunitException(string.Join("\n\n", failures));
            }
        }

        private static string? VerifyOne(string root, bool accept, string testClass, string method, GeneratedSource source)
        {
            string folder = Path.Combine(root, testClass);
            string verifiedPath = Path.Combine(folder, FileName(method, source.HintName, VerifiedSuffix));
            string receivedPath = Path.Combine(folder, FileName(method, source.HintName, ReceivedSuffix));
            string received = NormalizeLineEndings(source.Text);

            if (accept)
            {
                Directory.CreateDirectory(folder);
                Write(verifiedPath, received);
                File.Delete(receivedPath);
                return null;
            }

            if (!File.Exists(verifiedPath))
            {
                Directory.CreateDirectory(folder);
                Write(receivedPath, received);
                return $"No verified snapshot {Relative(root, verifiedPath)}.\n"
                    + $"The generated text is in {Relative(root, receivedPath)}; review it, then rename it or run with {AcceptVariable}=1.";
            }

            string verified = NormalizeLineEndings(File.ReadAllText(verifiedPath, Encoding.UTF8));
            if (verified == received)
            {
                File.Delete(receivedPath);
                return null;
            }

            Write(receivedPath, received);
            return $"Generated source differs from {Relative(root, verifiedPath)} (new text in {Relative(root, receivedPath)}; "
                + $"accept with {AcceptVariable}=1):\n"
                + UnifiedDiff.Create(verified, received, Relative(root, verifiedPath), Relative(root, receivedPath));
        }

        public static string NormalizeLineEndings(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

        private static void Write(string path, string text) =>
            File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));

        private static string Relative(string root, string path) => Path.GetRelativePath(Path.GetDirectoryName(root)!, path);

        private static string FindRoot([CallerFilePath] string thisFile = "")
        {
            string projectFolder = Path.GetDirectoryName(Path.GetDirectoryName(thisFile)!)!;
            if (!File.Exists(Path.Combine(projectFolder, "NormGen.Generator.Tests.csproj")))
            {
                throw new InvalidOperationException(
                    $"The snapshot helper expects its source at <project>/Infrastructure/; '{thisFile}' is not there (was the build path-mapped?).");
            }

            return Path.Combine(projectFolder, "Snapshots");
        }
    }
}
