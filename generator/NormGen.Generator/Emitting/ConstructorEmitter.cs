using System.Linq;
using NormGen.Configuration;
using static NormGen.Generator.Emitting.MemberNames;

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
            string initial = $"{(c.Centered ? $". {Weight} = 1, {Bias} = 0" : c.Affine ? $". {Weight} = 1" : "")}{(c.Tracks ? $", {RunningMean} = 0, {RunningVar} = 1" : "")}";
            string parameters = string.Concat(configuration.ConstructionAxes.Select(axis =>
            {
                string name = axis.Axis.ParameterName();
                string rule = axis.Axis == Axis.C && configuration.HasGroups ? $"; a positive multiple of {Names.Int(configuration.Groups)} (the groups)" : "; positive";
                return $"/// <param name=\"{name}\">The {name} extent{rule}.</param>\n";
            }));
            string checks = string.Concat(configuration.ConstructionAxes.Select(axis =>
            {
                string name = axis.Axis.ParameterName();
                if (axis.Axis != Axis.C)
                {
                    return $"if ({name} <= 0) {Names.ShapeGuard}.ThrowNonPositive(nameof({name}), {name});\n";
                }

                int groups = configuration.HasGroups ? configuration.Groups : 1;
                string divisible = groups > 1 ? $" || {name} % {Names.Int(groups)} != 0" : "";
                return $"if ({name} <= 0{divisible}) {Names.ShapeGuard}.ThrowChannels({name}, {Names.Int(groups)});\n";
            }));
            string counted = c.Constructed.Length > 1 ? $"{ElementCount}({string.Join(", ", c.Dimensions.Select(d => c.Constructed.Contains(d) ? d : "1"))});" : "";
            string groupsRule = configuration.HasGroups && configuration.ChannelsAtConstruction ? ", or the channel count is not a multiple of the groups" : "";
            w.Template($$"""
                /// <summary>Creates the layer{{Equivalent(c)}}{{initial}}.</summary>
                {{parameters}}
                /// <exception cref="global::System.ArgumentException">An extent is not positive{{groupsRule}}.</exception>
                public {{c.Model.Declaration.Type.Name}}({{string.Join(", ", c.Constructed.Select(p => $"int {p}"))}})
                {
                    {{checks}}
                    {{counted}}
                    {{c.DimensionNames.Keep}}
                    {{allocations.Deferred}}
                }

                """);
        }

        /// <summary>", as nn.GroupNorm(8, channels)" where the configuration is one PyTorch module.</summary>
        private static string Equivalent(LayerContext c)
        {
            var configuration = c.Configuration;
            if (configuration.Affine == AffineKind.Elementwise)
            {
                string extents = string.Join(", ", configuration.Layout.Where(a => a.Reduced && a.Axis != Axis.N).Select(DimensionNames.Extent));
                return $", as <c>nn.{(configuration.Center ? "LayerNorm" : "RMSNorm")}([{extents}])</c>";
            }

            return configuration.HasGroups && !configuration.IsReduced(Axis.N)
                ? $", as <c>nn.GroupNorm({Names.Int(configuration.Groups)}, channels)</c>"
                : " for <paramref name=\"channels\"/> channels";
        }
    }
}
