using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using NormGen.Configuration;
using Xunit;
using Verify = NormGen.Analyzers.Tests.CodeFixTest<NormGen.Analyzers.LayerConstructionAnalyzer, NormGen.CodeFixes.LayerConstructionCodeFixProvider>;

namespace NormGen.Analyzers.Tests
{
    /// <summary>The generated constructor comes from the generator, so these tests declare the one it would write.</summary>
    public class LayerConstructionCodeFixTests
    {
        private static string Source(string construction) => """
            using NormGen;

            [Normalize(Axes = "N,H,W", Groups = 8)]
            public partial class BlockNorm
            {
                public BlockNorm(int channels) { }
            }

            public static class Build
            {

            """ + construction + "\n}\n";

        private static DiagnosticResult NotDivisible(int location, string channels, string suggestion) =>
            new DiagnosticResult(Rules.ChannelsNotDivisibleByGroups.Descriptor).WithLocation(location).WithArguments(channels, "8", suggestion);

        [Theory]
        [InlineData(24)]
        [InlineData(32)]
        public Task Offers_each_nearest_multiple_of_the_groups(int channels) => Verify.VerifyAsync(
            Source("    public static BlockNorm Create() => new BlockNorm({|#0:30|});"),
            new[] { NotDivisible(0, "30", "24 or 32 channels") },
            Source("    public static BlockNorm Create() => new BlockNorm(" + channels + ");"),
            "NG0004:channels=" + channels);

        [Fact]
        public Task Keeps_the_argument_name_and_replaces_a_constant_expression() => Verify.VerifyAsync(
            Source("    private const int Width = 3;\n    public static BlockNorm Create() => new({|#0:channels: Width * 4|});"),
            new[] { NotDivisible(0, "12", "8 or 16 channels") },
            Source("    private const int Width = 3;\n    public static BlockNorm Create() => new(channels: 16);"),
            "NG0004:channels=16");

        [Fact]
        public Task Fix_all_uses_the_same_choice_for_every_construction() => Verify.VerifyAsync(
            Source("    public static BlockNorm[] Create() => new[] { new BlockNorm({|#0:30|}), new BlockNorm({|#1:3|}), new BlockNorm({|#2:31|}), new BlockNorm(64) };"),
            new[] { NotDivisible(0, "30", "24 or 32 channels"), NotDivisible(1, "3", "8 channels"), NotDivisible(2, "31", "24 or 32 channels") },
            Source("    public static BlockNorm[] Create() => new[] { new BlockNorm(24), new BlockNorm({|#0:3|}), new BlockNorm(24), new BlockNorm(64) };"),
            "NG0004:channels=24",
            NotDivisible(0, "3", "8 channels"));
    }
}
