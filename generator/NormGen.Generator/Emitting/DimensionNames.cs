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
        public string CallParameters => string.Concat(PerCall.Select(p => $", int {p}"));

        /// <summary>", int batch, int channels" — every extent not fixed, as the kernels' parameters.</summary>
        public string Parameters => string.Concat(All.Select(p => $", int {p}"));

        /// <summary>", batch, channels" — every extent not fixed, as arguments.</summary>
        public string Arguments => string.Concat(All.Select(p => $", {p}"));

        /// <summary>"batch, channels" — every extent not fixed, alone.</summary>
        public string List => string.Join(", ", All);

        /// <summary>An axis' extent as code: its literal when fixed in the attribute, else the name of its parameter (or of
        /// the local a constructed extent is copied to).</summary>
        public static string Extent(LayoutAxis axis) => axis.IsFixed ? Names.Int(axis.FixedExtent) : axis.Axis.ParameterName();

        /// <summary>" The int parameters are this call's extents." for the summary of a public method that takes them; empty
        /// without any.</summary>
        public string ExtentsNote => PerCall.Length == 0 ? "" : " The int parameters are this call's extents.";

        /// <summary>The field holding a constructed extent: <c>_channels</c>.</summary>
        public static string Field(string dimension) => $"_{dimension}";

        /// <summary>"int channels = _channels;" for each extent given to the constructor, a line each, for the top of a public
        /// method: the kernels' arguments read the same whether an extent is constructed or per call. Empty without any.</summary>
        public string ConstructedLocals => string.Concat(Constructed.Select(name => $"int {name} = {Field(name)};\n"));

        /// <summary>The fields that keep the extents given to the constructor (<c>private readonly int _channels;</c>).</summary>
        public void EmitFields(IndentedWriter w) => w.Template($$"""
            // Extents given to the constructor; every public method copies them to locals of the parameters' names.
            {{string.Concat(Constructed.Select(name => $"private readonly int {Field(name)};\n"))}}

            """);

        /// <summary>In the constructor, after its checks: keeps each extent in its field (<c>_channels = channels;</c>), a line each.</summary>
        public string Keep => string.Concat(Constructed.Select(name => $"{Field(name)} = {name};\n"));

        /// <summary>Writes <see cref="Keep"/>.</summary>
        public void EmitKeep(IndentedWriter w) => w.Template($$"""
            {{Keep}}
            """);

        /// <summary>The field that records the per-call extents of a call (<paramref name="prefix"/> "_forward"):
        /// <c>_forwardBatch</c> for one, a tuple <c>_forwardShape</c> with an element per extent for several; null without any.</summary>
        public string? RecordedField(string prefix) => PerCall.Length switch
        {
            0 => null,
            1 => $"private int {prefix}{Capitalise(PerCall[0])};",
            _ => $"private ({string.Join(", ", PerCall.Select(p => $"int {Capitalise(p)}"))}) {prefix}Shape;",
        };

        /// <summary>The statement recording this call's per-call extents in <see cref="RecordedField"/>; null without any.</summary>
        public string? Record(string prefix) => PerCall.Length switch
        {
            0 => null,
            1 => $"{prefix}{Capitalise(PerCall[0])} = {PerCall[0]};",
            _ => $"{prefix}Shape = ({string.Join(", ", PerCall)});",
        };

        /// <summary>The condition that this call's per-call extents differ from those recorded; null without any.</summary>
        public string? RecordedDiffers(string prefix) => PerCall.Length switch
        {
            0 => null,
            1 => $"{prefix}{Capitalise(PerCall[0])} != {PerCall[0]}",
            _ => $"{prefix}Shape != ({string.Join(", ", PerCall)})",
        };

        /// <summary>Every extent not fixed, as arguments, the per-call ones those recorded: the recorded call's shape.</summary>
        public string RecordedList(string prefix) => string.Join(", ", All.Select(d => !PerCall.Contains(d) ? d
            : PerCall.Length == 1 ? prefix + Capitalise(d)
            : $"{prefix}Shape.{Capitalise(d)}"));

        private static string Capitalise(string name) => char.ToUpperInvariant(name[0]) + name.Substring(1);
    }
}
