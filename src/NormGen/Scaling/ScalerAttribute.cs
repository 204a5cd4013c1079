using System;

namespace NormGen
{
    /// <summary>
    /// What the input scalers share: the layout of the data and the axes statistics are computed over, with the same
    /// letters as <see cref="NormalizeAttribute"/>. One statistic is kept for every index of the axes that are not
    /// reduced (every feature of <c>NC</c> data with <c>Axes = "N"</c>, every channel of <c>NCHW</c> images with
    /// <c>Axes = "N,H,W"</c>); the extents of those axes must be fixed here.
    /// </summary>
    public abstract class ScalerAttribute : Attribute
    {
        /// <summary>Memory order of the axes, outermost first, for example <c>"NC"</c> or <c>"NCHW"</c>.
        /// Letters: <c>N</c> batch, <c>C</c> channels or features, <c>D</c>, <c>H</c>, <c>W</c> spatial, <c>L</c> length. <c>C</c> is required.</summary>
        public string Layout { get; set; } = "";

        /// <summary>The axes statistics are computed over, comma separated, for example <c>"N"</c> (one statistic per
        /// feature) or <c>"N,H,W"</c> (one per channel).</summary>
        public string Axes { get; set; } = "";

        /// <summary>Number of channels or features; required when <c>C</c> is not in <see cref="Axes"/>.</summary>
        public int Channels { get; set; }

        /// <summary>Fixed batch size, or 0 to pass <c>batch</c> to every call.</summary>
        public int Batch { get; set; }

        /// <summary>Fixed sequence length, or 0 to pass <c>length</c> to every call (only when <c>L</c> is reduced).</summary>
        public int Length { get; set; }

        /// <summary>Fixed depth, or 0 to pass <c>depth</c> to every call (only when <c>D</c> is reduced).</summary>
        public int Depth { get; set; }

        /// <summary>Fixed height, or 0 to pass <c>height</c> to every call (only when <c>H</c> is reduced).</summary>
        public int Height { get; set; }

        /// <summary>Fixed width, or 0 to pass <c>width</c> to every call (only when <c>W</c> is reduced).</summary>
        public int Width { get; set; }
    }
}
