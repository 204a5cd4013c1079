namespace NormGen.Conformance.Tests.WeightNormalization;

// Input scalers: per feature of NC data, per channel of NCHW (and NHWC) images.

[StandardScaler(Layout = "NC", Axes = "N", Channels = 7)]
public partial class StandardScalerNcFloat { }

[StandardScaler<double>(Layout = "NC", Axes = "N", Channels = 7)]
public partial class StandardScalerNcDouble { }

[StandardScaler(Layout = "NCHW", Axes = "N,H,W", Channels = 3)]
public partial class StandardScalerNchwFloat { }

[StandardScaler<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 3)]
public partial class StandardScalerNchwDouble { }

[StandardScaler(Layout = "NHWC", Axes = "N,H,W", Channels = 3)]
public partial class StandardScalerNhwcFloat { }

[MinMaxScaler(Layout = "NC", Axes = "N", Channels = 7, FeatureRangeMin = -1, FeatureRangeMax = 2)]
public partial class MinMaxScalerNcFloat { }

[MinMaxScaler<double>(Layout = "NC", Axes = "N", Channels = 7, FeatureRangeMin = -1, FeatureRangeMax = 2)]
public partial class MinMaxScalerNcDouble { }

[MinMaxScaler(Layout = "NCHW", Axes = "N,H,W", Channels = 3)]
public partial class MinMaxScalerNchwFloat { }

[MinMaxScaler<double>(Layout = "NCHW", Axes = "N,H,W", Channels = 3)]
public partial class MinMaxScalerNchwDouble { }

[MinMaxScaler(Layout = "NC", Axes = "N", Channels = 7, FeatureRangeMin = -0.5, FeatureRangeMax = 0.5, Clip = true)]
public partial class MinMaxScalerNcClipFloat { }
