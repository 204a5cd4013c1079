using NormGen.Distributed;
using NormGen.Tests.Layers;
using Xunit;

namespace NormGen.Tests.Numerics
{
    /// <summary>What a fused activation changes in a layer's surface beyond its numbers (those are the scenario tests').</summary>
    [Trait("Category", "Numerics")]
    public sealed class ActivationDeclarationTests
    {
        [Fact]
        public void A_BatchNorm_with_an_activation_has_no_synchronised_members_and_one_without_has()
        {
            // The runtime's synchronised kernels apply no activation, so the generator leaves them out rather than
            // offer calls that would skip it.
            Assert.False(typeof(ISynchronizedNormalizationLayer<float>).IsAssignableFrom(typeof(ActivationBatchNormReluFloat)));
            Assert.False(typeof(ISynchronizedNormalizationLayer<double>).IsAssignableFrom(typeof(ActivationBatchNormReluDouble)));
            Assert.True(typeof(ISynchronizedNormalizationLayer<float>).IsAssignableFrom(typeof(BatchNorm2dNchwFloat)));
        }
    }
}
