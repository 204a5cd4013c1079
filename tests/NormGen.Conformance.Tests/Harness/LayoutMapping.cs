using System;

namespace NormGen.Conformance.Tests.Harness;

/// <summary>
/// Relates a NormGen layout (the memory order of the data, e.g. <c>"NHWC"</c>) to the axis order libtorch's
/// functions expect (e.g. <c>"NCHW"</c>). The data stays in NormGen's order; libtorch sees a permuted view of it,
/// which for NHWC data is exactly a channels-last tensor.
/// </summary>
internal sealed class LayoutMapping
{
    private readonly int[] _shape;

    public LayoutMapping(string layout, string torchOrder, int[] shape)
    {
        if (layout.Length != shape.Length || torchOrder.Length != layout.Length)
            throw new ArgumentException($"Layout {layout}, libtorch order {torchOrder} and {shape.Length} extents disagree.");
        Layout = layout;
        _shape = shape;
        ToTorch = new long[layout.Length];
        ToLayout = new long[layout.Length];
        for (int i = 0; i < layout.Length; i++)
        {
            ToTorch[i] = layout.IndexOf(torchOrder[i]);
            ToLayout[i] = torchOrder.IndexOf(layout[i]);
            if (ToTorch[i] < 0 || ToLayout[i] < 0)
                throw new ArgumentException($"Layout {layout} and libtorch order {torchOrder} name different axes.");
        }
    }

    public string Layout { get; }

    /// <summary>The extents in layout order, as NormGen's <c>shape</c> argument.</summary>
    public ReadOnlySpan<int> Shape => _shape;

    /// <summary>The extents in layout order, as libtorch wants them.</summary>
    public long[] TorchShapeInLayoutOrder => Array.ConvertAll(_shape, extent => (long)extent);

    /// <summary>Permutation taking a layout-ordered tensor to libtorch's axis order.</summary>
    public long[] ToTorch { get; }

    /// <summary>Permutation taking a libtorch-ordered tensor back to the layout order.</summary>
    public long[] ToLayout { get; }

    public int ElementCount
    {
        get
        {
            int count = 1;
            foreach (int extent in _shape)
                count *= extent;
            return count;
        }
    }

    public int Channels => _shape[Layout.IndexOf('C')];

    /// <summary>The channel of the element at <paramref name="flatIndex"/> in the densely packed layout.</summary>
    public int ChannelOf(int flatIndex)
    {
        int axis = Layout.IndexOf('C');
        int stride = 1;
        for (int i = axis + 1; i < _shape.Length; i++)
            stride *= _shape[i];
        return flatIndex / stride % _shape[axis];
    }
}
