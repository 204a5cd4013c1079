using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NormGen.Generator.Tests.Infrastructure;

namespace NormGen.Generator.Tests
{
    /// <summary>The incremental pipeline does no work again when nothing it depends on changed: every named step
    /// reports only <c>Cached</c> or <c>Unchanged</c> outputs on a second run and after unrelated edits.</summary>
    public sealed class CacheabilityTests
    {
        private const string Layers = """
            using NormGen;

            namespace Sample
            {
                [Normalize(Layout = "NCHW", Axes = "N,H,W", Channels = 8)]
                public partial class FloatNorm
                {
                }

                [Normalize<double>(Layout = "NLC", Axes = "C", Channels = 16)]
                public partial class DoubleNorm
                {
                }

                public partial class Outer
                {
                    [Normalize(Layout = "NHWC", Axes = "H,W", Channels = 8, Groups = 2)]
                    public partial class NestedNorm
                    {
                    }
                }
            }
            """;

        private const string Other = """
            namespace Sample
            {
                public static class Helper
                {
                    public static int Twice(int x) => x * 2;
                }
            }
            """;

        // The layers' steps (the transforms' are checked by the transform tests).
        private static readonly string[] TrackedStepNames = typeof(TrackingNames)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Where(name => name.EndsWith("Layers", System.StringComparison.Ordinal))
            .ToArray();

        [Fact]
        public void SecondRunOnTheSameCompilationIsCached()
        {
            var compilation = GeneratorHarness.Compile(Layers, Other);
            var first = GeneratorHarness.Run(compilation);

            var second = GeneratorHarness.Run(first.Driver, compilation.Clone());

            AssertEveryTrackedStepReused(second);
            Assert.Equal(first.Sources.ToArray(), second.Sources.ToArray());
        }

        [Fact]
        public void AddingAnUnrelatedClassIsCached()
        {
            var compilation = GeneratorHarness.Compile(Layers, Other);
            var first = GeneratorHarness.Run(compilation);

            var edited = compilation.AddSyntaxTrees(GeneratorHarness.Parse("namespace Sample { public sealed class Unrelated { } }", "Unrelated.cs"));
            var second = GeneratorHarness.Run(first.Driver, edited);

            AssertEveryTrackedStepReused(second);
            Assert.Equal(first.Sources.ToArray(), second.Sources.ToArray());
        }

        [Fact]
        public void ChangingAMethodBodyInAnotherFileIsCached()
        {
            var compilation = GeneratorHarness.Compile(Layers, Other);
            var first = GeneratorHarness.Run(compilation);

            var otherTree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("Twice", StringComparison.Ordinal));
            var edited = compilation.ReplaceSyntaxTree(otherTree, GeneratorHarness.Parse(Other.Replace("x * 2", "x + x", StringComparison.Ordinal), otherTree.FilePath));
            var second = GeneratorHarness.Run(first.Driver, edited);

            AssertEveryTrackedStepReused(second);
            Assert.Equal(first.Sources.ToArray(), second.Sources.ToArray());
        }

        [Fact]
        public void EditingTheAnnotatedFileWithoutChangingALayerProducesEqualModels()
        {
            // The edit reruns the transform for that file; the models it returns are equal to the previous ones, so
            // every step reports Unchanged and nothing is emitted again.
            var compilation = GeneratorHarness.Compile(Layers, Other);
            var first = GeneratorHarness.Run(compilation);

            var layersTree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("FloatNorm", StringComparison.Ordinal));
            string withMember = Layers.Replace(
                "public partial class Outer\n    {",
                "public partial class Outer\n    {\n        // A comment and a member that do not concern any layer.\n        public int Size => 3;",
                StringComparison.Ordinal);
            Assert.NotEqual(Layers, withMember);
            var edited = compilation.ReplaceSyntaxTree(layersTree, GeneratorHarness.Parse(withMember, layersTree.FilePath));
            var second = GeneratorHarness.Run(first.Driver, edited);

            AssertEveryTrackedStepReused(second);
            Assert.Equal(first.Sources.ToArray(), second.Sources.ToArray());
        }

        [Fact]
        public void ChangingALayerIsNotCached()
        {
            // Shows the check above can fail: a real change is reported as Modified.
            var compilation = GeneratorHarness.Compile(Layers, Other);
            var first = GeneratorHarness.Run(compilation);

            var layersTree = compilation.SyntaxTrees.Single(t => t.ToString().Contains("FloatNorm", StringComparison.Ordinal));
            var edited = compilation.ReplaceSyntaxTree(layersTree, GeneratorHarness.Parse(Layers.Replace("Channels = 8)", "Channels = 4)", StringComparison.Ordinal), layersTree.FilePath));
            var second = GeneratorHarness.Run(first.Driver, edited);

            var reasons = Outputs(second, "Layers").Select(o => o.Reason).ToList();
            Assert.Contains(IncrementalStepRunReason.Modified, reasons);
            Assert.NotEqual(first.Sources.ToArray(), second.Sources.ToArray());
        }

        private static void AssertEveryTrackedStepReused(GeneratorRun run)
        {
            var steps = run.RunResult.Results.Single().TrackedSteps;
            var problems = new List<string>();
            foreach (string name in TrackedStepNames)
            {
                Assert.True(steps.ContainsKey(name), $"No step tracked as '{name}'. Tracked: {string.Join(", ", steps.Keys)}");
                var outputs = Outputs(run, name).ToList();
                Assert.True(outputs.Count > 0, $"Step '{name}' has no outputs; the input must exercise it.");
                foreach (var (output, reason) in outputs)
                {
                    if (reason is not (IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged))
                    {
                        problems.Add($"{name}: {reason} ({output})");
                    }
                }
            }

            Assert.True(problems.Count == 0, "Steps that did work again:\n" + string.Join("\n", problems));
        }

        private static IEnumerable<(object Value, IncrementalStepRunReason Reason)> Outputs(GeneratorRun run, string stepName) =>
            run.RunResult.Results.Single().TrackedSteps[stepName].SelectMany(step => step.Outputs);
    }
}
