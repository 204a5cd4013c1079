using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using NormGen.Generator.Tests.Infrastructure;

namespace NormGen.Generator.Tests
{
    /// <summary>Keeps the Snapshots folder honest: every verified file belongs to a snapshot test that still produces it.</summary>
    public sealed class SnapshotOrphanTests
    {
        /// <summary>Every class whose tests write snapshots, with the input of each of its test methods.</summary>
        private static readonly IReadOnlyDictionary<Type, IReadOnlyDictionary<string, string>> SnapshotTestClasses =
            new Dictionary<Type, IReadOnlyDictionary<string, string>>
            {
                [typeof(GeneratedSourceSnapshotTests)] = GeneratedSourceSnapshotTests.Cases,
                [typeof(TransformSnapshotTests)] = TransformSnapshotTests.Cases,
            };

        [Fact]
        public void EveryVerifiedFileIsProducedByItsTest()
        {
            var expected = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (type, cases) in SnapshotTestClasses)
            {
                foreach (var (method, source) in cases)
                {
                    foreach (var generated in GeneratorHarness.Run(source).Sources)
                    {
                        expected.Add(Path.Combine(type.Name, Snapshots.FileName(method, generated.HintName, Snapshots.VerifiedSuffix)));
                    }
                }
            }

            var orphans = VerifiedFiles().Where(f => !expected.Contains(f)).ToList();

            Assert.True(orphans.Count == 0, "Verified snapshots that no test produces (delete them):\n" + string.Join("\n", orphans));
        }

        [Fact]
        public void EveryCaseHasATestMethodAndEveryTestMethodACase()
        {
            foreach (var (type, cases) in SnapshotTestClasses)
            {
                var testMethods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance)
                    .Where(m => m.GetCustomAttributes<FactAttribute>().Any())
                    .Select(m => m.Name)
                    .OrderBy(n => n, StringComparer.Ordinal);

                Assert.Equal(cases.Keys.OrderBy(n => n, StringComparer.Ordinal), testMethods);
            }
        }

        private static IEnumerable<string> VerifiedFiles() =>
            Directory.Exists(Snapshots.Root)
                ? Directory.EnumerateFiles(Snapshots.Root, "*" + Snapshots.VerifiedSuffix, SearchOption.AllDirectories)
                    .Select(f => Path.GetRelativePath(Snapshots.Root, f))
                : Enumerable.Empty<string>();
    }
}
