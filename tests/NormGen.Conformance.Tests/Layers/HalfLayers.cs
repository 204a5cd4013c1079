using System;
using NormGen;

namespace NormGen.Conformance.Tests.Layers;

// Half layers checked against libtorch's half kernels (float16 tensors on the CPU).

[Normalize<Half>(Layout = "NLC", Axes = "C", Channels = 13)]
public partial class LayerNormLastHalf { }

[Normalize<Half>(Layout = "NCHW", Axes = "N,H,W", Channels = 5)]
public partial class BatchNorm2dHalf { }

[Normalize<Half>(Layout = "NCHW", Axes = "H,W", Channels = 6, Groups = 3)]
public partial class GroupNormHalf { }

[Normalize<Half>(Layout = "NLC", Axes = "C", Channels = 13, Residual = NormResidual.BeforeNorm)]
public partial class LayerNormSkipHalf { }
