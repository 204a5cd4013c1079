using NormGen.Conformance.Tests.Native;
using TorchSharp;
using Xunit;

namespace NormGen.Conformance.Tests;

/// <summary>libtorch loads without manual steps, and a BatchNorm2d forward gives normalised channels.</summary>
public class LibTorchLoadTests
{
    [Fact]
    public void BatchNorm2dForwardRunsAndNormalisesEachChannel()
    {
        Assert.True(!LibTorchRuntime.SystemLacksNeededVersion || LibTorchRuntime.GlueRequirementIsWeak,
            "The system libstdc++ lacks GLIBCXX_3.4.32 but the glue library's requirement was not relaxed.");

        using var module = torch.nn.BatchNorm2d(3, dtype: torch.float64);
        using var input = torch.randn(new long[] { 5, 3, 7, 9 }, dtype: torch.float64, generator: new torch.Generator(7));
        using var output = module.forward(input);
        using var mean = output.mean(new long[] { 0, 2, 3 });
        using var variance = output.var(new long[] { 0, 2, 3 }, unbiased: false);

        Assert.Equal(new long[] { 5, 3, 7, 9 }, output.shape);
        for (int c = 0; c < 3; c++)
        {
            Assert.Equal(0.0, mean[c].item<double>(), 12);
            Assert.Equal(1.0, variance[c].item<double>(), 3);
        }
    }
}
