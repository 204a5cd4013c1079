namespace NormGen.Conformance.Tests.Harness;

/// <summary>Which libtorch normalisation function a reference calls.</summary>
internal enum NormKind
{
    Batch,
    Instance,
    Layer,
    Group,

    /// <summary><c>nn.RMSNorm</c>, composed from tensor operations (libtorch has the function; TorchSharp does not bind it).</summary>
    Rms,
}

/// <summary>
/// A PyTorch module's configuration, in PyTorch's terms: the arguments of <c>torch.nn.BatchNorm*d</c>,
/// <c>InstanceNorm*d</c>, <c>LayerNorm</c>, <c>GroupNorm</c> or <c>RMSNorm</c>. A null <see cref="Momentum"/> is PyTorch's
/// <c>momentum=None</c> (cumulative moving average); a null <see cref="Eps"/> is RMSNorm's <c>eps=None</c> (the machine
/// epsilon of the element type).
/// </summary>
internal sealed record TorchNorm(
    NormKind Kind,
    long Channels,
    double? Eps,
    double? Momentum,
    bool Affine,
    bool TrackRunningStats,
    long Groups,
    long[] NormalizedShape,
    NormActivation Activation = NormActivation.None)
{
    /// <summary>The same module followed by an activation module: <c>nn.Sequential(norm, nn.ReLU())</c> and so on.</summary>
    public TorchNorm Then(NormActivation activation) => this with { Activation = activation };

    public static TorchNorm Batch(long channels, double eps = 1e-5, double? momentum = 0.1, bool affine = true, bool trackRunningStats = true) =>
        new(NormKind.Batch, channels, eps, momentum, affine, trackRunningStats, 0, []);

    /// <summary>PyTorch's defaults for InstanceNorm are affine=False, track_running_stats=False; every case states both.</summary>
    public static TorchNorm Instance(long channels, bool affine, bool trackRunningStats, double eps = 1e-5, double? momentum = 0.1) =>
        new(NormKind.Instance, channels, eps, momentum, affine, trackRunningStats, 0, []);

    public static TorchNorm Layer(long[] normalizedShape, double eps = 1e-5, bool elementwiseAffine = true) =>
        new(NormKind.Layer, 0, eps, null, elementwiseAffine, false, 0, normalizedShape);

    public static TorchNorm Rms(long[] normalizedShape, double? eps = null, bool elementwiseAffine = true) =>
        new(NormKind.Rms, 0, eps, null, elementwiseAffine, false, 0, normalizedShape);

    public static TorchNorm Group(long groups, long channels, double eps = 1e-5, bool affine = true) =>
        new(NormKind.Group, channels, eps, null, affine, false, groups, []);
}
