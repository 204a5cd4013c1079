namespace NormGen.Conformance.Tests.WeightNormalization;

// A Conv2d-like weight (out 7, in 3, kernel 5x3) and a Linear-like weight (out 9, in 11): no extent is even, so
// no row length is a multiple of any vector width. Dim as PyTorch's weight_norm: -1 is one norm over the whole
// weight, -2 counts from the end.

[WeightNormalize(Shape = new[] { 7, 3, 5, 3 }, Dim = 0)]
public partial class ConvDim0Float { }

[WeightNormalize<double>(Shape = new[] { 7, 3, 5, 3 }, Dim = 0)]
public partial class ConvDim0Double { }

[WeightNormalize(Shape = new[] { 7, 3, 5, 3 }, Dim = 1)]
public partial class ConvDim1Float { }

[WeightNormalize<double>(Shape = new[] { 7, 3, 5, 3 }, Dim = 1)]
public partial class ConvDim1Double { }

[WeightNormalize(Shape = new[] { 7, 3, 5, 3 }, Dim = 3)]
public partial class ConvLastDimFloat { }

[WeightNormalize<double>(Shape = new[] { 7, 3, 5, 3 }, Dim = 3)]
public partial class ConvLastDimDouble { }

[WeightNormalize(Shape = new[] { 7, 3, 5, 3 }, Dim = -2)]
public partial class ConvDimMinus2Float { }

[WeightNormalize<double>(Shape = new[] { 7, 3, 5, 3 }, Dim = -2)]
public partial class ConvDimMinus2Double { }

[WeightNormalize(Shape = new[] { 7, 3, 5, 3 }, Dim = -1)]
public partial class ConvWholeFloat { }

[WeightNormalize<double>(Shape = new[] { 7, 3, 5, 3 }, Dim = -1)]
public partial class ConvWholeDouble { }

[WeightNormalize(Shape = new[] { 9, 11 }, Dim = 0)]
public partial class LinearDim0Float { }

[WeightNormalize<double>(Shape = new[] { 9, 11 }, Dim = 0)]
public partial class LinearDim0Double { }

[WeightNormalize(Shape = new[] { 9, 11 }, Dim = 1)]
public partial class LinearLastDimFloat { }

[WeightNormalize<double>(Shape = new[] { 9, 11 }, Dim = 1)]
public partial class LinearLastDimDouble { }

[WeightNormalize(Shape = new[] { 9, 11 }, Dim = -2)]
public partial class LinearDimMinus2Float { }

[WeightNormalize<double>(Shape = new[] { 9, 11 }, Dim = -2)]
public partial class LinearDimMinus2Double { }

[WeightNormalize(Shape = new[] { 9, 11 }, Dim = -1)]
public partial class LinearWholeFloat { }

[WeightNormalize<double>(Shape = new[] { 9, 11 }, Dim = -1)]
public partial class LinearWholeDouble { }

// Epsilon > 0: the norm is max(||v||, Epsilon), as F.normalize.

[WeightNormalize(Shape = new[] { 7, 3, 5, 3 }, Dim = 0, Epsilon = 1e-3)]
public partial class ConvDim0EpsilonFloat { }

[WeightNormalize<double>(Shape = new[] { 7, 3, 5, 3 }, Dim = 0, Epsilon = 1e-3)]
public partial class ConvDim0EpsilonDouble { }

[WeightNormalize(Shape = new[] { 9, 11 }, Dim = 1, Epsilon = 1e-3)]
public partial class LinearLastDimEpsilonFloat { }

[WeightNormalize<double>(Shape = new[] { 7, 3, 5, 3 }, Dim = -1, Epsilon = 1e-3)]
public partial class ConvWholeEpsilonDouble { }

[WeightNormalize(Shape = new[] { 9, 11 }, Dim = -1, Epsilon = 1e-3)]
public partial class LinearWholeEpsilonFloat { }
