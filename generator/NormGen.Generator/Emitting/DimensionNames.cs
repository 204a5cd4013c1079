using System.Collections.Generic;
using System.Linq;
using NormGen.Configuration;

namespace NormGen.Generator.Emitting
{
    /// <summary>
    /// The names of a layout's extents as generated code uses them, for layers and scalers alike: those given per call
    /// (parameters of the public methods), those given to the constructor (a parameter, a field <c>_channels</c>, and a
    /// local of the parameter's name in every method that needs it), and all of them (the kernels' parameters).
    /// </summary>
    internal sealed class DimensionNames
    {
        public DimensionNames(IReadOnlyList<LayoutAxis> layout)
        {
            PerCall = layout.Where(a => a.IsPerCall).Select(a => a.Axis.ParameterName()).ToArray();
            Constructed = layout.Where(a => a.AtConstruction).Select(a => a.Axis.ParameterName()).ToArray();
            All = layout.Where(a => !a.IsFixed).Select(a => a.Axis.ParameterName()).ToArray();
        }

        /// <summary>Extents given per call, in layout order.</summary>
        public string[] PerCall { get; }

        /// <summary>Extents given to the constructor, in layout order.</summary>
        public string[] Constructed { get; }

        /// <summary>Every extent not fixed in the attribute, in layout order.</summary>
        public string[] All { get; }

        /// <summary>", int batch, int height" — the per-call extents as parameters of the public methods.</summary>
        public string CallParameters => string.Concat(PerCall.Select(p => ", int " + p));

        /// <summary>", int batch, int channels" — every extent not fixed, as the kernels' parameters.</summary>
        public string Parameters => string.Concat(All.Select(p => ", int " + p));

        /// <summary>", batch, channels" — every extent not fixed, as arguments.</summary>
        public string Arguments => string.Concat(All.Select(p => ", " + p));

        /// <summary>"batch, channels" — every extent not fixed, alone.</summary>
        public string List => string.Join(", ", All);

        /// <summary>An axis' extent as code: its literal when fixed in the attribute, else the name of its parameter (or of
        /// the local a constructed extent is copied to).</summary>
        public static string Extent(LayoutAxis axis) => axis.IsFixed ? Names.Int(axis.FixedExtent) : axis.Axis.ParameterName();

        /// <summary>The field holding a constructed extent: <c>_channels</c>.</summary>
        public static string Field(string dimension) => "_" + dimension;

        /// <summary>The fields that keep the extents given to the constructor (<c>private readonly int _channels;</c>).</summary>
        public void EmitFields(IndentedWriter w)
        {
            w.Line("// Extents given to the constructor; every public method copies them to locals of the parameters' names.");
            foreach (var name in Constructed)
            {
                w.Line("private readonly int " + Field(name) + ";");
            }

            w.Line();
        }

        /// <summary>In the constructor, after its checks: keeps each extent in its field (<c>_channels = channels;</c>).</summary>
        public void EmitKeep(IndentedWriter w)
        {
            foreach (var name in Constructed)
            {
                w.Line(Field(name) + " = " + name + ";");
            }
        }

        /// <summary>Declares a local for each extent given to the constructor (<c>int channels = _channels;</c>), so the
        /// kernels' arguments read the same whether an extent is constructed or per call.</summary>
        public void DeclareConstructed(IndentedWriter w)
        {
            foreach (var name in Constructed)
            {
                w.Line("int " + name + " = " + Field(name) + ";");
            }
        }
    }
}
