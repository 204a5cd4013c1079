using System.Linq;
using NormGen.Configuration;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Where a channels-first BatchNorm-style layer (statistics per channel, over every other axis) hands a call to
    /// <c>NormGen.Runtime.ChannelRows</c>: when every axis after C has extent 1, as BatchNorm2d gets on (N, C, 1, 1)
    /// after a global pooling. Its own kernels take such a tensor one (row, channel) run at a time, each run one
    /// element long, so no vector is ever filled: measured on (256, 1024, 1, 1), 2.7 ms a training Forward against
    /// 84 µs for the same values laid out (N, C).
    /// </summary>
    /// <param name="Condition">The generated test that the call's axes after C are all 1 (<c>height == 1 &amp;&amp; width == 1</c>).</param>
    /// <param name="Rows">The generated count of rows: the product of the extents before C (<c>batch</c>).</param>
    internal sealed record ChannelRowsRoute(string Condition, string Rows)
    {
        public static ChannelRowsRoute? Of(LayerConfiguration c)
        {
            bool batchNormStyle = !c.HasGroups && !c.ChannelsReduced && c.Affine != AffineKind.Elementwise
                && c.Layout.All(a => a.Axis == Axis.C || a.Reduced);
            if (!batchNormStyle)
            {
                return null;
            }

            int channelIndex = c.Layout.ToList().FindIndex(a => a.Axis == Axis.C);
            var after = c.Layout.Skip(channelIndex + 1).ToArray();
            // Axes after C must be able to be 1 at run time: at least one given per call, and the fixed ones 1 already.
            if (!after.Any(a => !a.IsFixed) || after.Any(a => a.IsFixed && a.FixedExtent != 1))
            {
                return null;
            }

            var before = c.Layout.Take(channelIndex).ToArray();
            string rows = before.Length == 0
                ? "1"
                : string.Join(" * ", before.Select(a => a.IsFixed ? Names.Int(a.FixedExtent) : a.Axis.ParameterName()));
            string condition = string.Join(" && ", after.Where(a => !a.IsFixed).Select(a => a.Axis.ParameterName() + " == 1"));
            return new ChannelRowsRoute(condition, rows);
        }
    }
}
