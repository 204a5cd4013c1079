using System.Linq;
using System.Text;

namespace NormGen.Configuration
{
    /// <summary>
    /// The layout a declaration without <c>Layout</c> gets: PyTorch's channels-first order. <c>N</c>, then <c>C</c>, then
    /// the other letters <c>Axes</c> names in the order <c>D</c>, <c>H</c>, <c>W</c>, <c>L</c>: <c>"N,H,W"</c> and
    /// <c>"H,W"</c> give <c>NCHW</c>, <c>"N"</c> and <c>"C"</c> give <c>NC</c>, <c>"N,L"</c> gives <c>NCL</c>.
    /// </summary>
    internal static class DefaultLayout
    {
        private const string SpatialOrder = "DHWL";

        /// <summary>The layout written in the attribute, or the default one when none is.</summary>
        public static string Resolve(string layout, string axes) => layout.Length > 0 ? layout : For(axes);

        /// <summary>The default layout for <paramref name="axes"/>; entries that are not axis letters are left out
        /// (the axes check reports them).</summary>
        public static string For(string axes)
        {
            var named = axes.Split(',').Select(e => e.Trim()).Where(e => e.Length == 1).Select(e => e[0]).ToArray();
            var layout = new StringBuilder("NC");
            foreach (char letter in SpatialOrder)
            {
                if (named.Contains(letter))
                {
                    layout.Append(letter);
                }
            }

            return layout.ToString();
        }
    }
}
