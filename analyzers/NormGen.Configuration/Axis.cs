using System;

namespace NormGen.Configuration
{
    /// <summary>An axis of a tensor layout.</summary>
    internal enum Axis
    {
        /// <summary>Batch.</summary>
        N,

        /// <summary>Channels or features.</summary>
        C,

        /// <summary>Depth.</summary>
        D,

        /// <summary>Height.</summary>
        H,

        /// <summary>Width.</summary>
        W,

        /// <summary>Sequence length.</summary>
        L,
    }

    internal static class AxisNames
    {
        /// <summary>The letters a layout may use, in the order NormGen lists them.</summary>
        public const string Letters = "NCDHWL";

        public static bool TryParse(char letter, out Axis axis)
        {
            int index = Letters.IndexOf(letter);
            axis = index < 0 ? default : (Axis)index;
            return index >= 0;
        }

        public static char Letter(this Axis axis) => Letters[(int)axis];

        /// <summary>The attribute property that fixes the axis's extent (<c>Batch</c>, <c>Channels</c>, ...).</summary>
        public static string PropertyName(this Axis axis) => axis switch
        {
            Axis.N => "Batch",
            Axis.C => "Channels",
            Axis.D => "Depth",
            Axis.H => "Height",
            Axis.W => "Width",
            Axis.L => "Length",
            _ => throw new ArgumentOutOfRangeException(nameof(axis)),
        };

        /// <summary>The parameter name of the extent when it is given per call (<c>batch</c>, <c>channels</c>, ...).</summary>
        public static string ParameterName(this Axis axis) => axis switch
        {
            Axis.N => "batch",
            Axis.C => "channels",
            Axis.D => "depth",
            Axis.H => "height",
            Axis.W => "width",
            Axis.L => "length",
            _ => throw new ArgumentOutOfRangeException(nameof(axis)),
        };
    }
}
