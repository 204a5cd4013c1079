using NormGen.Tests.Reference;
using Xunit;

namespace NormGen.Distributed.Tests
{
    /// <summary>Synchronised training steps over 2, 3 and 4 in-process ranks with uneven slices (one of them empty) equal
    /// the same steps over the whole batch on one layer and in the double reference.</summary>
    public sealed class EquivalenceTests
    {
        public static TheoryData<int[]> Slices => new()
        {
            new[] { 5, 2 },
            new[] { 3, 0, 4 },
            new[] { 2, 1, 0, 4 },
            new[] { 1, 1, 1, 1 },
        };

        private static NormSpec BatchNorm(string layout, int groups = 0, bool affine = true, double momentum = 0.1, bool cumulative = false) =>
            new(layout, AxesOf(layout), groups, 1e-5, momentum, cumulative, affine, true);

        private static string AxesOf(string layout) => layout == "NC" ? "N" : "N,H,W";

        [Theory]
        [MemberData(nameof(Slices))]
        public void NchwFloatWithRunsOfTwelve(int[] slices) =>
            Equivalence.Check(() => new SyncNchwFloat(), BatchNorm("NCHW"), new SplitBatch("NCHW", new[] { 5, 3, 4 }, slices, 1));

        [Theory]
        [MemberData(nameof(Slices))]
        public void NchwFloatWithRunsOfThirtySix(int[] slices) =>
            Equivalence.Check(() => new SyncNchwFloat(), BatchNorm("NCHW"), new SplitBatch("NCHW", new[] { 5, 6, 6 }, slices, 2));

        [Theory]
        [MemberData(nameof(Slices))]
        public void NchwDouble(int[] slices) =>
            Equivalence.Check(() => new SyncNchwDouble(), BatchNorm("NCHW"), new SplitBatch("NCHW", new[] { 5, 6, 6 }, slices, 3));

        [Theory]
        [MemberData(nameof(Slices))]
        public void NhwcFloat(int[] slices) =>
            Equivalence.Check(() => new SyncNhwcFloat(), BatchNorm("NHWC"), new SplitBatch("NHWC", new[] { 3, 4, 5 }, slices, 4));

        [Theory]
        [MemberData(nameof(Slices))]
        public void NhwcDouble(int[] slices) =>
            Equivalence.Check(() => new SyncNhwcDouble(), BatchNorm("NHWC"), new SplitBatch("NHWC", new[] { 3, 4, 5 }, slices, 5));

        [Theory]
        [MemberData(nameof(Slices))]
        public void BatchNorm1dOnFeatures(int[] slices) =>
            Equivalence.Check(() => new SyncNcFloat(), BatchNorm("NC"), new SplitBatch("NC", new[] { 6 }, slices, 6));

        [Theory]
        [MemberData(nameof(Slices))]
        public void BatchGroupNormNchw(int[] slices) =>
            Equivalence.Check(() => new SyncBatchGroupFloat(), BatchNorm("NCHW", groups: 3), new SplitBatch("NCHW", new[] { 6, 5, 5 }, slices, 7));

        [Theory]
        [MemberData(nameof(Slices))]
        public void BatchGroupNormNhwcDouble(int[] slices) =>
            Equivalence.Check(() => new SyncBatchGroupNhwcDouble(), BatchNorm("NHWC", groups: 3), new SplitBatch("NHWC", new[] { 2, 3, 6 }, slices, 8));

        [Theory]
        [MemberData(nameof(Slices))]
        public void ConstructedChannelsWithCumulativeAverage(int[] slices) =>
            Equivalence.Check(() => new SyncConstructedFloat(7), BatchNorm("NCHW", cumulative: true), new SplitBatch("NCHW", new[] { 7, 4, 5 }, slices, 9));

        [Theory]
        [MemberData(nameof(Slices))]
        public void WithoutAffineParameters(int[] slices) =>
            Equivalence.Check(() => new SyncPlainNhwcFloat(), BatchNorm("NHWC", affine: false, momentum: 0.3), new SplitBatch("NHWC", new[] { 2, 2, 5 }, slices, 10));
    }
}
