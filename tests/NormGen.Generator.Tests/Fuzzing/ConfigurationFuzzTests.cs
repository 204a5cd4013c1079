using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using NormGen.Generator.Tests.Infrastructure;
using Xunit.Abstractions;

namespace NormGen.Generator.Tests.Fuzzing
{
    /// <summary>
    /// Random-configuration differential testing: random valid <c>[Normalize]</c> declarations (<see cref="FuzzCase"/>)
    /// are compiled in memory through the generator, many to one assembly, and each generated layer is driven against the
    /// double reference (<see cref="DifferentialCheck{T}"/>). The declarations the validator rejected on the way are
    /// compiled too and must produce no code (among them Half layers with the residual before a smooth activation, which
    /// the validator refuses); the output of every batch must compile without a warning.
    /// <para>
    /// Each CI run takes the fixed seeds below plus one fresh seed. Every configuration has a seed of its own, drawn from
    /// the run's seed; a failure names it with the attribute and shape, and
    /// <c>NORMGEN_FUZZ_CASE=&lt;seed&gt; dotnet test tests/NormGen.Generator.Tests --filter FullyQualifiedName~ConfigurationFuzzTests.FreshSeed</c>
    /// replays it alone.
    /// <c>NORMGEN_FUZZ_CONFIGURATIONS=N</c> sets how many configurations the fresh seed runs (default
    /// <see cref="DefaultFreshConfigurations"/>); <c>NORMGEN_FUZZ_SEED=S</c> replaces the fresh seed with S.
    /// </para>
    /// </summary>
    [Trait("Category", "Fuzz")]
    public sealed class ConfigurationFuzzTests
    {
        /// <summary>Configurations compiled into one assembly.</summary>
        private const int BatchSize = 72;

        private const int ConfigurationsPerFixedSeed = 72;

        private const int DefaultFreshConfigurations = 72;

        private readonly ITestOutputHelper _output;

        public ConfigurationFuzzTests(ITestOutputHelper output) => _output = output;

        public static TheoryData<int> FixedSeeds => new() { 20261204, 7, 1013, 65537, 424242, 90001 };

        [Theory]
        [MemberData(nameof(FixedSeeds))]
        public void FixedSeed(int seed)
        {
            Run(seed, CaseSeeds(seed, ConfigurationsPerFixedSeed));
        }

        [Fact]
        public void FreshSeed()
        {
            if (Environment.GetEnvironmentVariable("NORMGEN_FUZZ_CASE") is { Length: > 0 } replay)
            {
                int caseSeed = int.Parse(replay, CultureInfo.InvariantCulture);
                _output.WriteLine($"Replaying case {caseSeed}.");
                Run(null, new[] { caseSeed });
                return;
            }

            int seed = Environment.GetEnvironmentVariable("NORMGEN_FUZZ_SEED") is { Length: > 0 } given
                ? int.Parse(given, CultureInfo.InvariantCulture)
                : Random.Shared.Next();
            int configurations = Environment.GetEnvironmentVariable("NORMGEN_FUZZ_CONFIGURATIONS") is { Length: > 0 } n
                ? int.Parse(n, CultureInfo.InvariantCulture)
                : DefaultFreshConfigurations;
            _output.WriteLine($"Fresh seed {seed} (replay the run with NORMGEN_FUZZ_SEED={seed}), {configurations} configurations.");
            Run(seed, CaseSeeds(seed, configurations));
        }

        /// <summary>
        /// The check can fail: the same generated layers, with the reference told a slightly different epsilon (or, for
        /// layers with running statistics, another momentum), are reported, Half and residual layers among them. Guards the
        /// fuzzing itself against comparing nothing.
        /// </summary>
        [Fact]
        public void TheCheckReportsALayerThatDiffersFromItsDeclaration()
        {
            int[] seeds = CaseSeeds(11, 24);
            var cases = seeds.Select(seed => FuzzCase.Draw(seed)).ToArray();
            var context = Compile(cases, new List<string>());
            int trained = 0, halves = 0, residuals = 0;
            try
            {
                var assembly = context.Assemblies.Single();
                for (int i = 0; i < seeds.Length; i++)
                {
                    var type = assembly.GetType("Sample.Case" + i)!;
                    if (!Check(FuzzCase.Draw(seeds[i]), type))
                    {
                        // Every shape has one value per statistic: no training step, and in eval mode (x - mean) is 0
                        // whatever epsilon is. Nothing to tell apart.
                        continue;
                    }

                    trained++;
                    halves += cases[i].IsHalf ? 1 : 0;
                    residuals += cases[i].Spec.Residual != NormResidual.None ? 1 : 0;
                    var epsilon = FuzzCase.Draw(seeds[i], null, spec => spec with { Epsilon = (spec.Epsilon * 2) + 0.01 });
                    var failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Check(epsilon, type));
                    Assert.Contains("output", failure.Message, StringComparison.Ordinal);
                    if (cases[i].Spec.TrackRunningStats)
                    {
                        var momentum = FuzzCase.Draw(seeds[i], null, spec => spec with { Momentum = spec.Momentum > 0.5 ? spec.Momentum - 0.3 : spec.Momentum + 0.3, CumulativeAverage = false });
                        failure = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => Check(momentum, type));
                        Assert.Contains("Running", failure.Message, StringComparison.Ordinal);
                    }
                }
            }
            finally
            {
                context.Unload();
            }

            Assert.True(trained >= seeds.Length * 3 / 4, $"only {trained} of {seeds.Length} cases ran a training step");
            Assert.True(halves > 0 && residuals > 0, $"{halves} Half and {residuals} residual cases among those told apart: the Half rule and the residual checks must be shown to fail too");

            static bool Check(FuzzCase fuzzCase, Type type)
            {
                var result = fuzzCase.IsDouble ? DifferentialCheck<double>.Run(fuzzCase, type) : DifferentialCheck<float>.Run(fuzzCase, type);
                Assert.True(result.Checks > 0);
                return result.Trained;
            }
        }

        /// <summary>The seeds of <paramref name="count"/> configurations, drawn from the run's seed.</summary>
        private static int[] CaseSeeds(int seed, int count)
        {
            var random = new Random(seed);
            return Enumerable.Range(0, count).Select(_ => random.Next()).ToArray();
        }

        private void Run(int? runSeed, int[] caseSeeds)
        {
            var tally = new Tally();
            var failures = new List<string>();
            foreach (var batch in caseSeeds.Chunk(BatchSize))
            {
                var rejectedAttributes = new List<string>();
                var cases = batch.Select(seed => FuzzCase.Draw(seed, rejectedAttributes)).ToArray();
                RunBatch(cases, rejectedAttributes, tally, failures);
            }

            _output.WriteLine(string.Format(
                CultureInfo.InvariantCulture,
                "{0} configurations ({1} double, {15} Half, {12} trained, {2} with a large shape, {8} with running statistics, {9} grouped, {10} with an element-wise affine, {11} with extents given to the constructor, {13} RMSNorm, {14} with a fused activation, {16} with a residual before the activation and {17} before the norm, {18} calls through the residual overloads) and {3} rejected declarations ({19} of them Half with the residual before a smooth activation) compiled in {4:F1} s; {5} checks against the reference in {6:F1} s; Vector<float>.Count = {7}.",
                tally.Configurations,
                tally.Doubles,
                tally.Large,
                tally.Rejected,
                tally.CompileSeconds,
                tally.Checks,
                tally.CheckSeconds,
                System.Numerics.Vector<float>.Count,
                tally.RunningStatistics,
                tally.Grouped,
                tally.Elementwise,
                tally.Constructed,
                tally.Trained,
                tally.RmsNorm,
                tally.Activated,
                tally.Halves,
                tally.ResidualBeforeActivation,
                tally.ResidualBeforeNorm,
                tally.ResidualCalls,
                tally.RejectedHalfResidual));
            Assert.True(tally.Configurations == caseSeeds.Length, $"{tally.Configurations} of {caseSeeds.Length} configurations ran.");
            Assert.True(
                failures.Count == 0,
                $"{failures.Count} of {caseSeeds.Length} configurations differ from the reference{(runSeed is { } r ? " (run seed " + r + ")" : "")}:\n" + string.Join("\n", failures.Take(20)));
        }

        /// <summary>Generates and compiles one assembly for <paramref name="cases"/> and the rejected declarations, then
        /// checks every layer.</summary>
        private static void RunBatch(FuzzCase[] cases, List<string> rejectedAttributes, Tally tally, List<string> failures)
        {
            var clock = Stopwatch.StartNew();
            var context = Compile(cases, rejectedAttributes);
            tally.CompileSeconds += clock.Elapsed.TotalSeconds;
            tally.Rejected += rejectedAttributes.Count;
            tally.RejectedHalfResidual += rejectedAttributes.Count(a => a.StartsWith("Normalize<System.Half>", StringComparison.Ordinal) && a.Contains("Residual", StringComparison.Ordinal));
            clock.Restart();
            try
            {
                var assembly = context.Assemblies.Single();
                for (int i = 0; i < cases.Length; i++)
                {
                    var fuzzCase = cases[i];
                    tally.Configurations++;
                    tally.Doubles += fuzzCase.IsDouble ? 1 : 0;
                    tally.Large += fuzzCase.Large ? 1 : 0;
                    tally.RunningStatistics += fuzzCase.Spec.TrackRunningStats ? 1 : 0;
                    tally.Grouped += fuzzCase.Spec.HasGroups ? 1 : 0;
                    tally.Elementwise += fuzzCase.Spec.Affine && fuzzCase.Spec.ElementwiseAffine ? 1 : 0;
                    tally.Constructed += fuzzCase.Constructed.Count > 0 ? 1 : 0;
                    tally.RmsNorm += fuzzCase.Spec.Center ? 0 : 1;
                    tally.Activated += fuzzCase.Spec.Activation == NormActivation.None ? 0 : 1;
                    tally.Halves += fuzzCase.IsHalf ? 1 : 0;
                    tally.ResidualBeforeActivation += fuzzCase.Spec.Residual == NormResidual.BeforeActivation ? 1 : 0;
                    tally.ResidualBeforeNorm += fuzzCase.Spec.Residual == NormResidual.BeforeNorm ? 1 : 0;
                    var type = assembly.GetType("Sample.Case" + i);
                    try
                    {
                        if (type is null)
                        {
                            throw new Xunit.Sdk.XunitException("the generator wrote no class for a declaration the validator accepts.");
                        }

                        var result = fuzzCase.IsDouble ? DifferentialCheck<double>.Run(fuzzCase, type) : DifferentialCheck<float>.Run(fuzzCase, type);
                        tally.Checks += result.Checks;
                        tally.Trained += result.Trained ? 1 : 0;
                        tally.ResidualCalls += result.ResidualCalls;
                    }
                    catch (Exception exception)
                    {
                        failures.Add($"case {fuzzCase.Seed}: {fuzzCase} {exception.Message}\n    replay: {Replay(fuzzCase.Seed)}");
                    }
                }
            }
            finally
            {
                context.Unload();
                tally.CheckSeconds += clock.Elapsed.TotalSeconds;
            }
        }

        /// <summary>Generates the layers of <paramref name="cases"/> (classes <c>Sample.Case0</c>, ...) and of the rejected
        /// declarations in one compilation, asserts the rejected ones produced nothing and the output compiles without a
        /// diagnostic, and loads it into a collectible context.</summary>
        private static AssemblyLoadContext Compile(FuzzCase[] cases, List<string> rejectedAttributes)
        {
            var sources = cases.Select((c, i) => LayerSource.Class("Case" + i, c.Attribute))
                .Concat(rejectedAttributes.Select((a, i) => LayerSource.Class("Rejected" + i, a)))
                .ToArray();
            var run = GeneratorHarness.Run(sources);
            Assert.Null(run.Exception);
            foreach (var source in run.Sources)
            {
                var match = Regex.Match(source.Text, @"partial class (Rejected\d+)\b");
                Assert.False(match.Success, $"The generator wrote code for a declaration the validator rejects: [{RejectedAttribute(match, rejectedAttributes)}]");
            }

            using var image = new MemoryStream();
            var emitted = run.OutputCompilation.Emit(image);
            Assert.True(emitted.Success && emitted.Diagnostics.IsEmpty, Describe(cases, emitted.Diagnostics));
            image.Position = 0;
            var context = new AssemblyLoadContext("fuzz", isCollectible: true);
            context.LoadFromStream(image);
            return context;
        }

        /// <summary>The command that runs one case again, under the same Vector&lt;T&gt; settings as this run.</summary>
        private static string Replay(int caseSeed)
        {
            var simd = Environment.GetEnvironmentVariables().Keys.Cast<string>()
                .Where(name => name.StartsWith("DOTNET_Enable", StringComparison.Ordinal) || name.StartsWith("DOTNET_MaxVectorTBitWidth", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .Select(name => name + "=" + Environment.GetEnvironmentVariable(name) + " ");
            return $"{string.Concat(simd)}NORMGEN_FUZZ_CASE={caseSeed} dotnet test tests/NormGen.Generator.Tests --filter FullyQualifiedName~ConfigurationFuzzTests.FreshSeed";
        }

        private static string RejectedAttribute(Match match, List<string> rejectedAttributes) =>
            match.Success ? rejectedAttributes[int.Parse(match.Groups[1].Value["Rejected".Length..], CultureInfo.InvariantCulture)] : "";

        private static string Describe(FuzzCase[] cases, IEnumerable<Microsoft.CodeAnalysis.Diagnostic> diagnostics) =>
            "The generated code does not compile cleanly. Declarations:\n"
            + string.Join("\n", cases.Select((c, i) => $"Case{i}: seed {c.Seed}: {c}"))
            + "\n" + GeneratorHarness.Describe(diagnostics);

        private sealed class Tally
        {
            public int Configurations { get; set; }

            public int Doubles { get; set; }

            public int Large { get; set; }

            public int Rejected { get; set; }

            public int RunningStatistics { get; set; }

            public int Trained { get; set; }

            public int Grouped { get; set; }

            public int Elementwise { get; set; }

            public int Constructed { get; set; }

            public int RmsNorm { get; set; }

            public int Activated { get; set; }

            public int Halves { get; set; }

            public int ResidualBeforeActivation { get; set; }

            public int ResidualBeforeNorm { get; set; }

            public int ResidualCalls { get; set; }

            public int RejectedHalfResidual { get; set; }

            public int Checks { get; set; }

            public double CompileSeconds { get; set; }

            public double CheckSeconds { get; set; }
        }
    }
}
