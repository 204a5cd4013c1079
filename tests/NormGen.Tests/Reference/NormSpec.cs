using System;
using System.Linq;

namespace NormGen.Tests.Reference
{
    /// <summary>What a normalisation layer computes, stated independently of any implementation.</summary>
    /// <param name="Layout">Memory order, outermost axis first, e.g. "NCHW".</param>
    /// <param name="Axes">The reduced axes, comma separated, e.g. "N,H,W".</param>
    /// <param name="Groups">Channel groups (0 = none); the channel index within a group is reduced too.</param>
    /// <param name="Epsilon">Added to the variance before the square root.</param>
    /// <param name="Momentum">Weight of the newest batch in the running statistics.</param>
    /// <param name="CumulativeAverage">Running statistics are the plain average of all batches seen.</param>
    /// <param name="Affine">Learnable weight and bias are present.</param>
    /// <param name="TrackRunningStats">Running statistics are kept (and used in eval mode).</param>
    /// <param name="Center">The mean is subtracted; false is RMSNorm, y = x / sqrt(mean(x^2) + eps) * weight, no bias.</param>
    /// <param name="Activation">Applied to the affine's result: y = act(xhat * weight + bias).</param>
    /// <param name="Residual">Where the layer adds a residual; the reference layer itself takes r = 0 (the layer's plain
    /// calls), and residual tests compose the add around it.</param>
    public sealed record NormSpec(
        string Layout,
        string Axes,
        int Groups,
        double Epsilon,
        double Momentum,
        bool CumulativeAverage,
        bool Affine,
        bool TrackRunningStats,
        bool Center = true,
        NormActivation Activation = NormActivation.None,
        NormResidual Residual = NormResidual.None)
    {
        /// <summary>A learnable bias: affine and centred (RMSNorm has a weight alone).</summary>
        public bool HasBias => Affine && Center;

        public bool IsReduced(char axis) =>
            Axes.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Contains(axis.ToString());

        public bool HasGroups => Groups > 0;

        /// <summary>Per-channel weight when C is kept; element-wise over the reduced non-batch axes when C is reduced.</summary>
        public bool ElementwiseAffine => IsReduced('C');

        /// <summary>N is kept, so running statistics are per channel and averaged over the batch (instance style).</summary>
        public bool RunningStatsAveragedOverBatch => !IsReduced('N');

        /// <summary>The documented default: running statistics when N is reduced, C is kept and every other axis is reduced.</summary>
        public static bool DefaultTrackRunningStats(string layout, string axes, bool center = true)
        {
            if (!center)
            {
                return false;
            }

            var probe = new NormSpec(layout, axes, 0, 0, 0, false, false, false);
            return probe.IsReduced('N')
                && !probe.IsReduced('C')
                && layout.All(axis => axis == 'N' || axis == 'C' || probe.IsReduced(axis));
        }
    }
}
