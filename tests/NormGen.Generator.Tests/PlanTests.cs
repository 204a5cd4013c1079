using NormGen.Configuration;
using NormGen.Generator.Emitting;
using NormGen.Generator.Model;
using NormGen.Generator.Parsing;
using NormGen.Generator.Planning;
using Xunit;

namespace NormGen.Generator.Tests
{
    /// <summary>The strategy the planner picks for a declaration, read as a table: configuration → fusion, channels-last
    /// kernels, the runtime's short-run route. Each row is a case the emitted code depends on.</summary>
    public class PlanTests
    {
        [Theory]
        // Contiguous statistics (LayerNorm over trailing axes, InstanceNorm/GroupNorm channels-first): always fused.
        [InlineData("NC", "C", 768, 0, 0, "Always")]
        [InlineData("NCHW", "H,W", 64, 0, 0, "Always")]
        [InlineData("NCHW", "H,W", 256, 32, 0, "Always")]
        [InlineData("NCHW", "C,H,W", 64, 0, 0, "Always")]
        // BatchNorm channels-first: runs of H·W per call, so fused only when a call's values per channel fit in L1.
        [InlineData("NCHW", "N,H,W", 64, 0, 0, "WhenSmall")]
        [InlineData("NCL", "N,L", 64, 0, 0, "WhenSmall")]
        // Fixed extents decide at compile time: 8×8×8 = 512 floats fit in L1; 128×128×4 = 65,536 do not.
        [InlineData("NCHW", "N,H,W", 64, 0, 8, "Always")]
        [InlineData("NCHW", "N,H,W", 64, 0, 128, "Never")]
        // Channels-last: statistics vary along the innermost loop, whole-tensor passes.
        [InlineData("NHWC", "N,H,W", 64, 0, 0, "Never")]
        [InlineData("NHWC", "H,W", 256, 32, 0, "Never")]
        [InlineData("NC", "N", 1024, 0, 0, "Never")]
        // Channels-last GroupNorm with a constructed channel count: the group's channels are a short run.
        [InlineData("NHWC", "H,W", -1, 32, 0, "Never")]
        public void Fusion(string layout, string axes, int channels, int groups, int fixedExtent, string expected)
        {
            Assert.Equal(expected, Plan(layout, axes, channels, groups, fixedExtent).Fusion.ToString());
        }

        [Theory]
        [InlineData("NHWC", "N,H,W", 64, 0, true, false)]
        [InlineData("NHWC", "H,W", 256, 32, true, false)]
        [InlineData("NC", "N", 1024, 0, true, false)]
        [InlineData("NCHW", "N,H,W", 64, 0, false, true)]
        [InlineData("NCHW", "H,W", 256, 32, false, false)]
        [InlineData("NC", "C", 768, 0, false, false)]
        public void Channels_last_kernels_and_short_run_route(string layout, string axes, int channels, int groups, bool channelsLast, bool shortRunRoute)
        {
            var plan = Plan(layout, axes, channels, groups, 0);
            Assert.Equal(channelsLast, plan.ChannelsLast is not null);
            Assert.Equal(shortRunRoute, plan.ShortRunKernels is not null);
        }

        /// <summary>RMSNorm (<c>Center = false</c>) plans as the centred layer of the same axes, except that the runtime's
        /// short-run kernels, which centre, never take it.</summary>
        [Theory]
        [InlineData("NCHW", "N,H,W", "WhenSmall", false)]
        [InlineData("NHWC", "N,H,W", "Never", true)]
        [InlineData("NHWC", "H,W", "Never", true)]
        [InlineData("NC", "C", "Always", false)]
        [InlineData("NCHW", "C,H,W", "Always", false)]
        public void RMSNorm_plans_as_its_centred_layer_without_the_short_run_route(string layout, string axes, string fusion, bool channelsLast)
        {
            var plan = Plan(layout, axes, 64, 0, 0, center: false);
            Assert.Equal(fusion, plan.Fusion.ToString());
            Assert.Equal(channelsLast, plan.ChannelsLast is not null);
            Assert.Null(plan.ShortRunKernels);
            Assert.Equal(layout == "NCHW" && axes == "N,H,W", Plan(layout, axes, 64, 0, 0).ShortRunKernels is not null);
        }

        [Fact]
        public void The_fusion_limit_is_one_L1_cache_of_the_tensor_type()
        {
            Assert.Equal(8192, FusionPlanner.FusedStatisticLimit(ElementTypes.Of(ElementKind.Float)));
            Assert.Equal(4096, FusionPlanner.FusedStatisticLimit(ElementTypes.Of(ElementKind.Double)));
            Assert.Equal(16384, FusionPlanner.FusedStatisticLimit(ElementTypes.Of(ElementKind.Half)));
        }

        [Fact]
        public void Half_tensors_are_computed_in_float_and_keep_the_layers_own_kernels()
        {
            var elements = ElementTypes.Of(ElementKind.Half);
            Assert.Equal(ElementKind.Float, elements.Compute);
            Assert.True(elements.Converts);
            Assert.False(ElementTypes.Of(ElementKind.Float).Converts);
            Assert.Null(Plan("NCHW", "N,H,W", 64, 0, 0, elementType: "System.Half").ShortRunKernels);
        }

        /// <summary>The layer's planned context; <paramref name="channels"/> -1 gives the count to the constructor,
        /// <paramref name="fixedExtent"/> (when not 0) fixes batch, height, width and length.</summary>
        private static LayerContext Plan(string layout, string axes, int channels, int groups, int fixedExtent, bool center = true, string elementType = "float")
        {
            var options = new NormalizeOptions
            {
                Layout = layout,
                Axes = axes,
                Channels = channels < 0 ? 0 : channels,
                Groups = groups,
                GroupsSet = groups > 0,
                Batch = fixedExtent,
                Height = fixedExtent,
                Width = fixedExtent,
                Length = fixedExtent,
                Center = center,
                ElementType = elementType,
            };
            var result = ConfigurationValidator.Validate(options);
            Assert.True(result.Configuration is not null, string.Join("; ", result.Problems));
            var declaration = new TargetDeclaration("Layer.g.cs", null, EquatableArray<TypeDeclaration>.Empty, new TypeDeclaration("class", "Layer", ""));
            return new LayerContext(new LayerModel(declaration, result.Configuration!));
        }
    }
}
