using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NormGen.Configuration;
using Xunit;
using Verify = NormGen.Analyzers.Tests.CodeFixTest<NormGen.Analyzers.BatchOfOneAnalyzer, NormGen.CodeFixes.BatchOfOneCodeFixProvider>;

namespace NormGen.Analyzers.Tests
{
    public class BatchOfOneCodeFixTests
    {
        private static string Layer(string arguments) =>
            "using NormGen;\n[Normalize(" + arguments + ")]\npublic partial class Norm { }\n";

        private static DiagnosticResult[] BatchOfOne(string axes) =>
            new[] { new DiagnosticResult(Rules.BatchOfOne.Descriptor).WithLocation(0).WithArguments(axes, "Batch = 1") };

        [Fact]
        public Task Turns_BatchNorm_into_InstanceNorm() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "N, H, W", Channels = 64, {|#0:Batch = 1|}"""),
            BatchOfOne("N, H, W"),
            Layer("""Layout = "NCHW", Axes = "H, W", Channels = 64, Batch = 1"""),
            "NG0005:InstanceNorm");

        [Fact]
        public Task Turns_BatchNorm_into_GroupNorm_without_running_statistics_options() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "N,H,W", Channels = 64, {|#0:Batch = 1|}, Momentum = 0.2, TrackRunningStats = true"""),
            BatchOfOne("N,H,W"),
            Layer("""Layout = "NCHW", Axes = "H,W", Groups = 32, Channels = 64, Batch = 1"""),
            "NG0005:GroupNorm");

        [Fact]
        public Task Keeps_the_groups_of_a_batch_group_norm() => Verify.VerifyAsync(
            Layer("""Layout = "NCHW", Axes = "N,H,W", Channels = 12, Groups = 3, {|#0:Batch = 1|}"""),
            BatchOfOne("N,H,W"),
            Layer("""Layout = "NCHW", Axes = "H,W", Channels = 12, Groups = 3, Batch = 1"""),
            "NG0005:GroupNorm");

        [Fact]
        public Task Offers_nothing_when_the_channels_are_reduced_too() => Verify.VerifyAsync(
            Layer("""Layout = "NC", Axes = "N,C", Channels = 4, {|#0:Batch = 1|}"""),
            BatchOfOne("N,C"),
            Layer("""Layout = "NC", Axes = "N,C", Channels = 4, {|#0:Batch = 1|}"""),
            null,
            BatchOfOne("N,C"));
    }
}
