using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NormGen.Configuration;
using NormGen.Generator.Emitting;
using NormGen.Generator.Model;
using NormGen.Generator.Parsing;
using NormGen.Generator.Planning;
using NormGen.Generator.Tests.Infrastructure;
using Xunit;

namespace NormGen.Generator.Tests
{
    /// <summary>The plan the planner builds for a declaration, read as tables: configuration → strategy. Each row is a
    /// case the emitted code depends on; the emitters write what the plan says and decide nothing themselves.</summary>
    public class PlanTests
    {
        // The private kernels in the sets that come together.
        private const Kernels Fused = Kernels.NormalizeWithBatchStatistics | Kernels.BackwardWithBatchStatistics;
        private const Kernels Passes = Kernels.ComputeBatchStatistics | Kernels.Normalize | Kernels.AccumulateBatchGradients | Kernels.InputGradient;
        private const Kernels Running = Kernels.UpdateRunningStatistics | Kernels.LoadRunningStatistics | Kernels.AccumulateParameterGradients
            | Kernels.InputGradientWithRunningStatistics;
        private const Kernels OneByOne = Kernels.BatchStatisticsOneByOne;
        private const Kernels Grows = Kernels.EnsureStatisticCapacity;
        private const Threads Statistics = Threads.Statistics | Threads.Backward;

        /// <summary>The strategy of each layer. <paramref name="shortRun"/> is the route to the runtime's short-run kernels as
        /// "row axes | run axes" (null: none).</summary>
        [Theory]
        // Contiguous statistics (LayerNorm over trailing axes, InstanceNorm and GroupNorm channels-first): always fused.
        // The split loop is N, along which the per-channel parameters do not vary: Backward stays on one thread.
        [InlineData("[Normalize(Layout = \"NC\", Axes = \"C\", Channels = 768)]", Access.Runs, StatisticFusion.Always, null, Threads.Statistics, Grows | Fused | OneByOne)]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"H,W\", Channels = 64)]", Access.Runs, StatisticFusion.Always, null, Threads.Statistics, Grows | Fused | OneByOne)]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"H,W\", Channels = 256, Groups = 32)]", Access.Runs, StatisticFusion.Always, null, Threads.Statistics, Grows | Fused | OneByOne)]
        // InstanceNorm tracking running statistics: those are indexed per channel, the batch's per (n, c).
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"H,W\", Channels = 64, TrackRunningStats = true)]", Access.Runs, StatisticFusion.Always, null, Threads.Statistics,
            Grows | Fused | Kernels.NormalizeWithRunningStatistics | Running)]
        // BatchNorm channels-first: runs of H·W per call, so fused only when a call's values per channel fit in L1, and
        // short runs go to the runtime. The split loop is C: Backward splits too.
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64)]", Access.Runs, StatisticFusion.WhenSmall, "N | H,W", Statistics, Fused | Passes | Running)]
        [InlineData("[Normalize(Layout = \"NCL\", Axes = \"N,L\", Channels = 64)]", Access.Runs, StatisticFusion.WhenSmall, "N | L", Statistics, Fused | Passes | Running)]
        [InlineData("[Normalize<double>(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64)]", Access.Runs, StatisticFusion.WhenSmall, "N | H,W", Statistics, Fused | Passes | Running)]
        // Fixed extents decide at compile time: 8×8×8 = 512 floats fit in L1 (and runs of 64 are never short);
        // 128×128×128 do not. Eval Forward of a fused tracking layer normalises with the whole-tensor kernel.
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Batch = 8, Height = 8, Width = 8)]", Access.Runs, StatisticFusion.Always, null, Statistics,
            Fused | Kernels.Normalize | Running)]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Batch = 128, Height = 128, Width = 128)]", Access.Runs, StatisticFusion.Never, null, Threads.None,
            Passes | Running)]
        // Fixed runs shorter than 64 values are short: whole-tensor passes, and shorter than three of the widest vectors
        // (4×4 = 16 floats) they route to the runtime.
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Height = 4, Width = 4)]", Access.Runs, StatisticFusion.Never, "N | H,W", Threads.None,
            Passes | Running)]
        // The runtime's short-run kernels centre, apply no activation and compute in the tensors' type: RMSNorm (which keeps
        // no running statistics), a fused activation and Half tensors keep the layer's own kernels.
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Center = false)]", Access.Runs, StatisticFusion.WhenSmall, null, Statistics, Fused | OneByOne | Passes)]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Activation = NormActivation.Relu)]", Access.Runs, StatisticFusion.WhenSmall, null, Statistics,
            Fused | Passes | Running)]
        [InlineData("[Normalize<System.Half>(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64)]", Access.Runs, StatisticFusion.WhenSmall, null, Statistics, Fused | Passes | Running)]
        // Residuals: before the norm, a fused layer gets the kernel that writes s = x + r first; before an activation, the
        // pass that writes dz before the normalisation's gradient (and no short-run route).
        [InlineData("[Normalize(Layout = \"NC\", Axes = \"C\", Channels = 768, Residual = NormResidual.BeforeNorm)]", Access.Runs, StatisticFusion.Always, null, Threads.Statistics,
            Grows | Fused | Kernels.AddNormalizeWithBatchStatistics | OneByOne)]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)]", Access.Runs,
            StatisticFusion.WhenSmall, null, Statistics, Fused | Passes | Running | Kernels.ResidualGradient)]
        // Channels-last: statistics vary along the innermost loop, whole-tensor passes; BatchNorm's rows are one block,
        // shared by chunks; GroupNorm's and InstanceNorm's blocks are the samples.
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\", Channels = 64)]", Access.ChannelsLast, StatisticFusion.Never, null, Threads.Rows | Threads.Chunks, Passes | Running)]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\")]", Access.ChannelsLast, StatisticFusion.Never, null, Threads.Rows | Threads.Chunks, Passes | Running)]
        [InlineData("[Normalize(Layout = \"NC\", Axes = \"N\", Channels = 1024)]", Access.ChannelsLast, StatisticFusion.Never, null, Threads.Rows | Threads.Chunks, Passes | Running)]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"H,W\", Channels = 256, Groups = 32)]", Access.ChannelsLast, StatisticFusion.Never, null, Threads.Rows | Threads.Blocks, Grows | Passes)]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"H,W\", Groups = 32)]", Access.ChannelsLast, StatisticFusion.Never, null, Threads.Rows | Threads.Blocks, Grows | Passes)]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\", Channels = 64, Center = false)]", Access.ChannelsLast, StatisticFusion.Never, null, Threads.Rows | Threads.Chunks, Passes)]
        // More channels than the stack scratch holds: the loop-nest kernels, statistics varying along the innermost loop.
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\", Channels = 4096)]", Access.Runs, StatisticFusion.Never, null, Threads.None, Passes | Running)]
        public void Strategy(string attribute, object access, object fusion, string? shortRun, object threads, object kernels)
        {
            var plan = Plan(attribute);

            Assert.Equal((Access)access, plan.Access);
            Assert.Equal((StatisticFusion)fusion, plan.Fusion);
            Assert.Equal(shortRun, plan.ShortRun is { } route ? Letters(route.Rows) + " | " + Letters(route.Inner) : null);
            Assert.Equal((Threads)threads, plan.Threads);
            Assert.Equal((Kernels)kernels, plan.Kernels);
        }

        /// <summary>The private kernels' signatures: the plan's table that each kernel's declaration, its calls and its
        /// <c>OnThreads</c> twin are written from. Every kernel also takes the call's buffers and per-call extents ("buffers").</summary>
        [Theory]
        // NCHW BatchNorm: fused per call when small (a range of the split C loop, on threads), else whole-tensor passes.
        [InlineData(BatchNormNchw, "NormalizeWithBatchStatistics", "in x, out y, int start, int end, buffers", true)]
        [InlineData(BatchNormNchw, "BackwardWithBatchStatistics", "in x, in dy, out dx, int start, int end, buffers", true)]
        [InlineData(BatchNormNchw, "ComputeBatchStatistics", "in x, buffers", false)]
        [InlineData(BatchNormNchw, "Normalize", "in x, out y, buffers", false)]
        [InlineData(BatchNormNchw, "AccumulateBatchGradients", "in x, in dy, buffers", false)]
        [InlineData(BatchNormNchw, "InputGradientWithRunningStatistics", "in dy, out dx, buffers", false)]
        // InstanceNorm: the split loop is N, along which the per-channel parameters do not vary: Backward has no twin.
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"H,W\", Channels = 64)]", "BackwardWithBatchStatistics", "in x, in dy, out dx, int start, int end, buffers", false)]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"H,W\", Channels = 64)]", "BatchStatisticsOneByOne", "in x, int start, int end, buffers", false)]
        // A fused activation without a residual: eval Backward recomputes z from x.
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Activation = NormActivation.Relu)]", "InputGradientWithRunningStatistics",
            "in x, in dy, out dx, buffers", false)]
        // The residual before the activation: r beside x in every normalisation, and the pass that writes dz first.
        [InlineData(ResidualRelu, "NormalizeWithBatchStatistics", "in x, in res, out y, int start, int end, buffers", true)]
        [InlineData(ResidualRelu, "Normalize", "in x, in res, out y, buffers", false)]
        [InlineData(ResidualRelu, "ResidualGradient", "in x, in res, in dy, out dr, buffers", false)]
        [InlineData(ResidualRelu, "ActivationGradient", "in x, in dy, out dx, buffers", false)]
        [InlineData(ResidualRelu, "InputGradientWithRunningStatistics", "in dy, out dx, buffers", false)]
        // The residual before the norm: s = x + r written into x, then normalised from cache.
        [InlineData("[Normalize(Layout = \"NC\", Axes = \"C\", Channels = 768, Residual = NormResidual.BeforeNorm)]", "AddNormalizeWithBatchStatistics",
            "in input, in res, out x, out y, int start, int end, buffers", false)]
        // Channels-last: the element-wise passes take a slice of every block's rows, and have twins that split the slices.
        [InlineData(BatchNormNhwc, "Normalize", "in x, out y, int slice, int slices, buffers", true)]
        [InlineData(BatchNormNhwc, "InputGradient", "in x, in dy, out dx, int slice, int slices, buffers", true)]
        [InlineData(BatchNormNhwc, "AccumulateParameterGradients", "in x, in dy, buffers", false)]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\", Channels = 64, Center = false)]", "ComputeBatchStatistics", "in x, buffers", false)]
        public void Kernel_signature(string attribute, string kernel, string parameters, bool onThreads)
        {
            var signature = Plan(attribute).Signature(kernel);

            Assert.Equal(kernel, signature.Name);
            Assert.Equal(parameters, string.Join(", ", signature.Parameters.Select(Describe)));
            Assert.Equal(onThreads, signature.HasOnThreadsTwin);
        }

        /// <summary>A kernel the plan does not give the layer has no signature; asking for one names it.</summary>
        [Theory]
        [InlineData(BatchNormNchw, "AddNormalizeWithBatchStatistics")]
        [InlineData("[Normalize(Layout = \"NC\", Axes = \"C\", Channels = 768)]", "Normalize")]
        public void A_kernel_the_layer_does_not_get_has_no_signature(string attribute, string kernel)
        {
            var plan = Plan(attribute);

            Assert.DoesNotContain(plan.Signatures, k => k.Name == kernel);
            Assert.Contains(kernel, Assert.Throws<System.InvalidOperationException>(() => plan.Signature(kernel)).Message);
        }

        private const string BatchNormNchw = "[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64)]";
        private const string BatchNormNhwc = "[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\", Channels = 64)]";
        private const string ResidualRelu =
            "[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Activation = NormActivation.Relu, Residual = NormResidual.BeforeActivation)]";

        private static string Describe(KernelParameter p) => p.Kind switch
        {
            KernelParameterKind.Input => $"in {p.Name}",
            KernelParameterKind.Output => $"out {p.Name}",
            KernelParameterKind.Int => $"int {p.Name}",
            _ => p.Name,
        };

        /// <summary>How the whole-tensor batch statistics are taken, whatever the access of the other kernels.</summary>
        [Theory]
        [InlineData("[Normalize(Layout = \"NC\", Axes = \"C\", Channels = 768)]", StatisticsPass.None)]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64)]", StatisticsPass.MergedRuns)]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Center = false)]", StatisticsPass.MeanSquares)]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\", Channels = 64)]", StatisticsPass.ChannelsLast)]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\", Channels = 64, Center = false)]", StatisticsPass.MeanSquares)]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\", Channels = 4096)]", StatisticsPass.Pivoted)]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Height = 4, Width = 4)]", StatisticsPass.MergedRuns)]
        public void Statistics_pass(string attribute, object pass)
        {
            Assert.Equal((StatisticsPass)pass, Plan(attribute).Statistics);
        }

        /// <summary>Which layers get the synchronised members: BatchNorm-style (N and every axis but C reduced), centred, with
        /// no activation or residual and tensors of the computed type.</summary>
        [Theory]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64)]", true)]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\")]", true)]
        [InlineData("[Normalize(Layout = \"NC\", Axes = \"N\", Channels = 1024)]", true)]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Center = false)]", false)]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Activation = NormActivation.Relu)]", false)]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Residual = NormResidual.BeforeNorm)]", false)]
        [InlineData("[Normalize<System.Half>(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64)]", false)]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"H,W\", Channels = 64)]", false)]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Groups = 8)]", true)]
        [InlineData("[Normalize(Layout = \"NC\", Axes = \"C\", Channels = 768)]", false)]
        public void Synchronized_members(string attribute, bool synchronized)
        {
            Assert.Equal(synchronized, Plan(attribute).Synchronized);
        }

        /// <summary>The channels-last kernels' numbers: rows loop depth, what is known at compile time (null: computed by
        /// the generated code from the constructed channel count), rows per chunk and how threads share the sums.</summary>
        [Theory]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\", Channels = 64)]", 0, 64, 1, 64, 512, "chunks")]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\", Channels = 2048)]", 0, 2048, 1, 2048, 128, "chunks")]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\")]", 0, null, 1, null, null, "chunks")]
        [InlineData("[Normalize(Layout = \"NC\", Axes = \"N\", Channels = 1024)]", 0, 1024, 1, 1024, 128, "chunks")]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"H,W\", Channels = 256, Groups = 32)]", 1, 256, 8, 32, 128, "blocks")]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"H,W\", Groups = 32)]", 1, null, null, 32, null, "blocks")]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"H,W\", Channels = 24)]", 1, 24, 1, 24, 1364, "blocks")]
        public void Channels_last_numbers(string attribute, int rowDepth, int? channels, int? groupSize, int? statisticsPerRow, int? chunkRows, string split)
        {
            var plan = Plan(attribute).ChannelsLast!;

            Assert.Equal(rowDepth, plan.RowDepth);
            Assert.Equal(channels, plan.FixedChannels);
            Assert.Equal(groupSize, plan.FixedGroupSize);
            Assert.Equal(statisticsPerRow, plan.FixedStatisticsPerRow);
            Assert.Equal(chunkRows, plan.FixedChunkRows);
            Assert.Equal(split, plan.SplitsChunks ? "chunks" : plan.SplitsStatistics ? "blocks" : "none");
        }

        /// <summary>A scalar loop after the vectors only where a row can end in part of a vector (the widest is 64 bytes),
        /// and the far statistics' channels summed again one by one only where a far statistic can be few of a row.</summary>
        [Theory]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\", Channels = 64)]", false, false)]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\", Channels = 24)]", true, false)]
        [InlineData("[Normalize<double>(Layout = \"NHWC\", Axes = \"N,H,W\", Channels = 24)]", false, false)]
        [InlineData("[Normalize(Layout = \"NC\", Axes = \"N\", Channels = 4)]", true, true)]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"H,W\", Channels = 256, Groups = 32)]", false, false)]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"H,W\", Channels = 256, Groups = 8)]", false, true)]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\")]", true, false)]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"H,W\", Groups = 32)]", true, false)]
        public void Channels_last_scalar_tail_and_resums(string attribute, bool scalarTail, bool resumsEveryChannel)
        {
            var plan = Plan(attribute).ChannelsLast!;

            Assert.Equal(scalarTail, plan.HasScalarTail);
            Assert.Equal(resumsEveryChannel, plan.ResumsEveryChannel);
        }

        [Theory]
        [InlineData(8, 4096)]
        [InlineData(64, 512)]
        [InlineData(256, 128)]
        [InlineData(255, 128)]
        [InlineData(1000, 128)]
        public void Chunk_rows_hold_32768_values_in_whole_row_blocks_and_at_least_128(int channels, int rows)
        {
            Assert.Equal(rows, ChannelsLastPlan.ChunkRowsFor(channels));
            Assert.Equal(0, rows % ChannelsLastPlan.RowBlock);
        }

        [Theory]
        [InlineData(1, false)]
        [InlineData(8192, false)]
        [InlineData(8193, true)]
        public void Merged_runs_longer_than_one_chunk_are_taken_in_chunks(int length, bool chunked)
        {
            Assert.Equal(chunked, KernelPlanner.ChunksRun(Extent.Of(length)));
        }

        [Fact]
        public void Merged_runs_of_per_call_length_are_taken_in_chunks() =>
            Assert.True(KernelPlanner.ChunksRun(Extent.Variable("height")));

        [Fact]
        public void The_plan_is_equatable_and_built_from_the_configuration_alone()
        {
            const string attribute = "[Normalize(Layout = \"NHWC\", Axes = \"H,W\", Channels = 256, Groups = 32)]";
            var first = Plan(attribute);
            var second = Plan(attribute);

            Assert.NotSame(first, second);
            Assert.Equal(first, second);
            Assert.Equal(first.GetHashCode(), second.GetHashCode());
            Assert.NotEqual(first, Plan("[Normalize(Layout = \"NHWC\", Axes = \"H,W\", Channels = 512, Groups = 32)]"));
        }

        [Fact]
        public void The_fusion_limit_is_one_L1_cache_of_the_tensor_type()
        {
            Assert.Equal(8192, FusionPlanner.FusedStatisticLimit(ElementTypes.Of(ElementKind.Float)));
            Assert.Equal(4096, FusionPlanner.FusedStatisticLimit(ElementTypes.Of(ElementKind.Double)));
            Assert.Equal(16384, FusionPlanner.FusedStatisticLimit(ElementTypes.Of(ElementKind.Half)));
        }

        [Fact]
        public void Half_tensors_are_computed_in_float()
        {
            var elements = ElementTypes.Of(ElementKind.Half);
            Assert.Equal(ElementKind.Float, elements.Compute);
            Assert.True(elements.Converts);
            Assert.False(ElementTypes.Of(ElementKind.Float).Converts);
        }

        /// <summary>The kernel strategy the emitters take from each plan, chosen once: the one switch over fusion, access and
        /// short-run route. A layer with a short-run route gets the runtime path around the strategy of its other calls.</summary>
        [Theory]
        [InlineData("[Normalize(Layout = \"NC\", Axes = \"C\", Channels = 768)]", typeof(FusedStrategy))]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Activation = NormActivation.Relu)]", typeof(FusedWhenSmallStrategy))]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Batch = 128, Height = 128, Width = 128)]", typeof(TwoReadStrategy))]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\")]", typeof(ChannelsLastStrategy))]
        [InlineData("[Normalize(Layout = \"NHWC\", Axes = \"N,H,W\", Channels = 4096)]", typeof(TwoReadStrategy))]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64)]", typeof(ShortRunStrategy))]
        [InlineData("[Normalize(Layout = \"NCHW\", Axes = \"N,H,W\", Channels = 64, Height = 4, Width = 4)]", typeof(ShortRunStrategy))]
        public void Each_plan_gets_one_kernel_strategy(string attribute, System.Type strategy)
        {
            var (type, configuration) = Read(attribute);
            var context = new LayerContext(new LayerModel(TargetDeclaration.Read(type, kind: null)!, configuration));

            Assert.IsType(strategy, context.Strategy);
        }

        private static string Letters(EquatableArray<LayoutAxis> axes) => string.Join(",", axes.Select(a => a.Axis));

        /// <summary>The plan of <c>{attribute} public partial class Layer { }</c>, read and checked as the generator does.</summary>
        private static LayerPlan Plan(string attribute) => LayerPlanner.Plan(Read(attribute).Configuration);

        /// <summary>The class of <c>{attribute} public partial class Layer { }</c> and its checked configuration.</summary>
        private static (INamedTypeSymbol Type, LayerConfiguration Configuration) Read(string attribute)
        {
            var compilation = GeneratorHarness.Compile("using NormGen;\n" + attribute + "\npublic partial class Layer { }");
            var tree = compilation.SyntaxTrees.Single();
            var type = (INamedTypeSymbol)compilation.GetSemanticModel(tree).GetDeclaredSymbol(tree.GetRoot().DescendantNodes().OfType<ClassDeclarationSyntax>().Single())!;
            var result = ConfigurationValidator.Validate(NormalizeAttributeReader.Read(type.GetAttributes().Single()));
            Assert.True(result.Configuration is not null, string.Join("; ", result.Problems));
            return (type, result.Configuration!);
        }
    }
}
