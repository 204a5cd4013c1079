using System.Linq;
using NormGen.Configuration;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// Writes the constructor of a layer whose channel count or element-wise extents are not fixed in the attribute
    /// (<c>new BlockNorm(64)</c> as <c>nn.GroupNorm(8, 64)</c>, <c>new PlaneNorm(64, 8, 8)</c> as
    /// <c>nn.LayerNorm([64, 8, 8])</c>): it checks every extent, then keeps them and allocates the buffers.
    /// </summary>
    internal static class ConstructorEmitter
    {
        public static void Emit(IndentedWriter w, LayerContext c, Allocations allocations)
        {
            var configuration = c.Configuration;
            w.Line("/// <summary>Creates the layer" + Equivalent(c) + (c.Centered ? ". Weight = 1, Bias = 0" : c.Affine ? ". Weight = 1" : "") + (c.Tracks ? ", RunningMean = 0, RunningVar = 1" : "") + ".</summary>");
            foreach (var axis in configuration.ConstructionAxes)
            {
                string name = axis.Axis.ParameterName();
                string rule = axis.Axis == Axis.C && configuration.HasGroups ? "; a positive multiple of " + Names.Int(configuration.Groups) + " (the groups)" : "; positive";
                w.Line("/// <param name=\"" + name + "\">The " + name + " extent" + rule + ".</param>");
            }

            w.Line("/// <exception cref=\"global::System.ArgumentException\">An extent is not positive" + (configuration.HasGroups && configuration.ChannelsAtConstruction ? ", or the channel count is not a multiple of the groups" : "") + ".</exception>");
            string parameters = string.Join(", ", c.Constructed.Select(p => "int " + p));
            using (w.Block("public " + c.Model.Declaration.Type.Name + "(" + parameters + ")"))
            {
                foreach (var axis in configuration.ConstructionAxes)
                {
                    string name = axis.Axis.ParameterName();
                    if (axis.Axis == Axis.C)
                    {
                        int groups = configuration.HasGroups ? configuration.Groups : 1;
                        string divisible = groups > 1 ? " || " + name + " % " + Names.Int(groups) + " != 0" : "";
                        w.Line("if (" + name + " <= 0" + divisible + ") " + Names.ShapeGuard + ".ThrowChannels(" + name + ", " + Names.Int(groups) + ");");
                    }
                    else
                    {
                        w.Line("if (" + name + " <= 0) " + Names.ShapeGuard + ".ThrowNonPositive(nameof(" + name + "), " + name + ");");
                    }
                }

                if (c.Constructed.Length > 1)
                {
                    w.Line("ElementCount(" + string.Join(", ", c.Dimensions.Select(d => c.Constructed.Contains(d) ? d : "1")) + ");");
                }

                c.DimensionNames.EmitKeep(w);
                allocations.EmitDeferred(w);
            }

            w.Line();
        }

        /// <summary>", as nn.GroupNorm(8, channels)" where the configuration is one PyTorch module.</summary>
        private static string Equivalent(LayerContext c)
        {
            var configuration = c.Configuration;
            if (configuration.Affine == AffineKind.Elementwise)
            {
                return ", as <c>nn." + (configuration.Center ? "LayerNorm" : "RMSNorm") + "([" + string.Join(", ", configuration.Layout.Where(a => a.Reduced && a.Axis != Axis.N).Select(DimensionNames.Extent)) + "])</c>";
            }

            return configuration.HasGroups && !configuration.IsReduced(Axis.N)
                ? ", as <c>nn.GroupNorm(" + Names.Int(configuration.Groups) + ", channels)</c>"
                : " for <paramref name=\"channels\"/> channels";
        }
    }
}
